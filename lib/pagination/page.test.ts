import { describe, expect, it } from "vitest";
import { listHref, parseListQuery, toPage, type ListSpec } from "@/lib/pagination/page";

const spec = {
  sorts: { name: "asc", created: "desc" },
  defaultSort: "created",
  filters: { kyc: ["pending", "completed"], payment: ["current", "overdue"] },
} as const satisfies ListSpec;

describe("list queries from the URL", () => {
  it("reads search, page, sort, direction and filters", () => {
    expect(parseListQuery({ q: " Acme ", page: "2", pageSize: "50", sort: "name", dir: "desc", kyc: "pending" }, spec)).toEqual({
      q: "Acme",
      page: 2,
      pageSize: 50,
      sort: "name",
      dir: "desc",
      filters: { kyc: "pending" },
    });
  });

  it("falls back to the defaults, a sort's own direction and no filter for anything it does not know", () => {
    const query = parseListQuery({ page: "-3", pageSize: "7", sort: "password", dir: "sideways", kyc: "bribed", payment: ["overdue", "current"], other: "x" }, spec);
    expect(query).toEqual({ q: "", page: 1, pageSize: 25, sort: "created", dir: "desc", filters: { payment: "overdue" } });
    expect(parseListQuery({ sort: "name" }, spec)).toMatchObject({ sort: "name", dir: "asc" });
  });

  it("keeps search, filters and sort in every link, and leaves defaults out", () => {
    const query = parseListQuery({ q: "a&b", sort: "name", dir: "asc", kyc: "pending", page: "3" }, spec);
    expect(listHref("/customers", query, spec, { page: 4 })).toBe("/customers?q=a%26b&kyc=pending&sort=name&dir=asc&page=4");
    // Changing the sort starts at page 1, in the new column's own direction.
    expect(listHref("/customers", query, spec, { sort: "created" })).toBe("/customers?q=a%26b&kyc=pending");
    expect(listHref("/customers", parseListQuery({}, spec), spec)).toBe("/customers");
  });

  it("tells a page past the end from an empty list", () => {
    expect(toPage([], 32, { page: 9, pageSize: 25 })).toMatchObject({ pageCount: 2, pastEnd: true });
    expect(toPage([], 0, { page: 1, pageSize: 25 })).toMatchObject({ pageCount: 1, pastEnd: false });
    expect(toPage([1], 26, { page: 2, pageSize: 25 })).toMatchObject({ pageCount: 2, pastEnd: false });
  });
});
