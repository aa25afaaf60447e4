import { describe, expect, it } from "vitest";
import { crumbsFor, currentHref, currentState } from "@/components/navigation/paths";

describe("the navigation's current item", () => {
  it("is the page itself, or the section holding it; home only on itself", () => {
    expect(currentState("/users", "/users")).toBe("page");
    expect(currentState("/users", "/users/")).toBe("page");
    expect(currentState("/users", "/users/alice")).toBe("true");
    expect(currentState("/users", "/users-archive")).toBeUndefined();
    expect(currentState("/", "/")).toBe("page");
    expect(currentState("/", "/users")).toBeUndefined();
  });

  it("is the closest of several links", () => {
    expect(currentHref(["/", "/tenants", "/tenants/1/users"], "/tenants/1/users/alice")).toBe("/tenants/1/users");
    expect(currentHref(["/", "/tenants"], "/customers")).toBeNull();
  });
});

describe("breadcrumbs", () => {
  const labels = { paths: { "/tenants": "Tenants", "/tenants/t1": "Acme", "/tenants/t1/users": "Users" }, children: { "/tenants/t1/org-units": "Org unit" } };

  it("label every prefix of the path, names decoded and ids by their kind", () => {
    expect(crumbsFor("/tenants/t1/users/al%40ice", labels)).toEqual([
      { href: "/tenants", label: "Tenants" },
      { href: "/tenants/t1", label: "Acme" },
      { href: "/tenants/t1/users", label: "Users" },
      { href: "/tenants/t1/users/al%40ice", label: "al@ice" },
    ]);
    expect(crumbsFor("/tenants/t1/org-units/0f8e", labels).at(-1)).toEqual({ href: "/tenants/t1/org-units/0f8e", label: "Org unit" });
    expect(crumbsFor("/tenants/t1/users/%E0%A4", labels).at(-1)?.label).toBe("%E0%A4");
  });
});
