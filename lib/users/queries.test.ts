import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { listUsers } from "@/lib/users/queries";
import { userListQuerySchema } from "@/lib/users/schema";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

// The users list's keyset cursor, with PostgreSQL as the oracle: for any users, any search text
// and any page size, following `next` from page to page lists every match exactly once, in
// username (byte) order; and any `after` a client makes up lists only what comes after it.

const controller = new ProvisioningController();
let tenant: ResolvedTenant;

beforeAll(async () => {
  tenant = await provisionedTenant(controller);
});
afterAll(() => closeTestResources(controller));

const username = fc.stringMatching(/^[a-z0-9][a-z0-9._@-]{2,8}$/);
const name = fc.option(fc.string({ unit: fc.constantFrom("a", "b", "A", "é", "-", " "), minLength: 1, maxLength: 5 }), { nil: null });
/** Search text as a client may send it: prefixes of names, and the edges of UTF-16 (U+FFFF, surrogate pairs). */
const search = fc.string({ unit: fc.constantFrom("a", "b", "1", ".", "@", "%", "_", "\\", "é", "\uffff", "\u{10ffff}", "😀", "\ud7ff"), maxLength: 3 });
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

interface Row {
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

async function replaceUsers(rows: Row[]): Promise<void> {
  const db = tenantDb(tenant);
  await db.user.deleteMany({ where: { isBreakGlass: false } });
  await db.user.createMany({ data: rows });
}

async function walk(q: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listUsers(tenant, userListQuerySchema.parse({ q, after, limit: String(limit) }));
    seen.push(...page.items.map((user) => user.username));
    if (page.next === null) return seen;
    after = page.next;
  }
  throw new Error("more than 100 pages");
}

describe("listUsers' cursor", () => {
  it("lists every matching user once, in order, whatever the page size", async () => {
    const rows = fc.uniqueArray(
      fc.record({
        username,
        email: fc.option(
          username.map((u) => `${u}@x.example`),
          { nil: null },
        ),
        firstName: name,
        lastName: name,
      }),
      { selector: (row) => row.username, maxLength: 12 },
    );
    await fc.assert(
      fc.asyncProperty(rows, search, fc.integer({ min: 1, max: 5 }), async (users, rawQ, limit) => {
        await replaceUsers(users);
        const q = rawQ.trim().toLowerCase();
        const all = (await tenantDb(tenant).user.findMany({ select: { username: true, email: true, firstName: true, lastName: true } })) as Row[];
        const matches = (row: Row) => !q || row.username.startsWith(q) || [row.email, row.firstName, row.lastName].some((text) => text?.toLowerCase().startsWith(q));
        const expected = all
          .filter(matches)
          .map((row) => row.username)
          .sort(byteOrder);
        expect(await walk(rawQ, limit)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("lists only what comes after any `after` a client sends", async () => {
    await replaceUsers(["alpha", "beta", "gamma", "zeta.1", "0day"].map((u) => ({ username: u, email: null, firstName: null, lastName: null })));
    await fc.assert(
      fc.asyncProperty(fc.oneof(search, fc.string({ maxLength: 10 })), async (after) => {
        const query = userListQuerySchema.parse({ after, limit: "200" });
        const page = await listUsers(tenant, query);
        for (const user of page.items) expect(byteOrder(user.username, query.after ?? "")).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
