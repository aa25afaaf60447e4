// Every REST action as every kind of caller, with real session cookies on the real route handlers:
// allowed calls succeed, refused calls are refused with a stable code and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createOrgUnit } from "@/lib/org-units/service";
import { addMembership } from "@/lib/memberships/service";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie, type Handler } from "@/tests/support/api";
import * as users from "@/app/workspace/api/v1/tenants/[key]/users/route";
import * as auditEvents from "@/app/workspace/api/v1/tenants/[key]/audit-events/route";
import * as user from "@/app/workspace/api/v1/tenants/[key]/users/[username]/route";
import * as orgUnits from "@/app/workspace/api/v1/tenants/[key]/org-units/route";
import * as orgUnit from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/route";
import * as members from "@/app/workspace/api/v1/tenants/[key]/org-units/[id]/members/route";

const ROLES = ["superadmin", "tenant-admin", "ou-admin", "auditor", "member", "other-tenant-admin", "anonymous"] as const;
type Role = (typeof ROLES)[number];

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;
let root: ResolvedTenant;
let ouX: string; // the OU the OU admin administers
let ouY: string; // an OU they have nothing to do with
let n = 0;
const unique = (p: string) => `${p}-${++n}`;

/** Who calls, from which host. */
async function caller(role: Role): Promise<{ host: string; cookie?: string }> {
  const acmeHost = `${acme.key}.localhost:3000`;
  switch (role) {
    case "superadmin":
      return { host: "console.localhost:3000", cookie: await sessionCookie(root, "superadmin", ["superadmin"]) };
    case "tenant-admin":
      return { host: acmeHost, cookie: await sessionCookie(acme, "ada", ["tenant-admin"]) };
    case "ou-admin":
      return { host: acmeHost, cookie: await sessionCookie(acme, "oscar", ["member"]) };
    case "auditor":
      return { host: acmeHost, cookie: await sessionCookie(acme, "audrey", ["auditor"]) };
    case "member":
      return { host: acmeHost, cookie: await sessionCookie(acme, "mo", ["member"]) };
    case "other-tenant-admin":
      return { host: acmeHost, cookie: await sessionCookie(globex, "gina", ["tenant-admin"]) };
    case "anonymous":
      return { host: acmeHost };
  }
}

/** The tenant's state that any of the actions below could change. */
async function snapshot() {
  const db = tenantDb(acme);
  const [userRows, ous, memberships] = await Promise.all([
    db.user.findMany({ select: { username: true, enabled: true, email: true, tenantRole: true }, orderBy: { username: "asc" } }),
    db.orgUnit.findMany({ select: { id: true, name: true }, orderBy: { identifier: "asc" } }),
    db.membership.findMany({ select: { username: true, orgUnitId: true, role: true }, orderBy: [{ orgUnitId: "asc" }, { username: "asc" }] }),
  ]);
  return { userRows, ous, memberships };
}

const newUser = (username: string) => createTenantUser(acme, createUserSchema.parse({ username, passwordMode: "generate" }), TEST_PRINCIPAL, TEST_ACTOR);

interface Action {
  name: string;
  /** The roles that may do it; everyone else must be refused. */
  allowed: readonly Role[];
  handler: Handler;
  /** Prepares a fresh target and returns the call. */
  prepare(): Promise<{ method: string; path: (key: string) => string; params: Record<string, string>; body?: unknown }>;
}

const ACTIONS: Action[] = [
  {
    name: "list users",
    allowed: ["superadmin", "tenant-admin", "auditor"],
    handler: users.GET as Handler,
    prepare: async () => ({ method: "GET", path: (k) => `/api/v1/tenants/${k}/users`, params: { key: acme.key } }),
  },
  {
    name: "read the audit log",
    allowed: ["superadmin", "tenant-admin", "auditor"],
    handler: auditEvents.GET as Handler,
    prepare: async () => ({ method: "GET", path: (k) => `/api/v1/tenants/${k}/audit-events`, params: { key: acme.key } }),
  },
  {
    name: "create a user",
    allowed: ["superadmin", "tenant-admin"],
    handler: users.POST as Handler,
    prepare: async () => ({ method: "POST", path: (k) => `/api/v1/tenants/${k}/users`, params: { key: acme.key }, body: { username: unique("new") } }),
  },
  {
    name: "disable a user",
    allowed: ["superadmin", "tenant-admin"],
    handler: user.PATCH as Handler,
    prepare: async () => {
      const username = unique("victim");
      await newUser(username);
      return { method: "PATCH", path: (k) => `/api/v1/tenants/${k}/users/${username}`, params: { key: acme.key, username }, body: { enabled: false } };
    },
  },
  {
    name: "change a user's role",
    allowed: ["superadmin", "tenant-admin"],
    handler: user.PATCH as Handler,
    prepare: async () => {
      const username = unique("promoted");
      await newUser(username);
      return { method: "PATCH", path: (k) => `/api/v1/tenants/${k}/users/${username}`, params: { key: acme.key, username }, body: { tenantRole: "tenant-admin" } };
    },
  },
  {
    name: "delete a user",
    allowed: ["superadmin", "tenant-admin"],
    handler: user.DELETE as Handler,
    prepare: async () => {
      const username = unique("doomed");
      await newUser(username);
      return { method: "DELETE", path: (k) => `/api/v1/tenants/${k}/users/${username}`, params: { key: acme.key, username } };
    },
  },
  {
    name: "create an org unit",
    allowed: ["superadmin", "tenant-admin"],
    handler: orgUnits.POST as Handler,
    prepare: async () => ({ method: "POST", path: (k) => `/api/v1/tenants/${k}/org-units`, params: { key: acme.key }, body: { identifier: unique("ou"), name: "New OU" } }),
  },
  {
    name: "rename the OU admin's own OU",
    allowed: ["superadmin", "tenant-admin", "ou-admin"],
    handler: orgUnit.PATCH as Handler,
    prepare: async () => ({ method: "PATCH", path: (k) => `/api/v1/tenants/${k}/org-units/${ouX}`, params: { key: acme.key, id: ouX }, body: { name: unique("Renamed") } }),
  },
  {
    name: "rename another OU",
    allowed: ["superadmin", "tenant-admin"],
    handler: orgUnit.PATCH as Handler,
    prepare: async () => ({ method: "PATCH", path: (k) => `/api/v1/tenants/${k}/org-units/${ouY}`, params: { key: acme.key, id: ouY }, body: { name: unique("Renamed") } }),
  },
  {
    name: "delete an empty OU",
    allowed: ["superadmin", "tenant-admin"],
    handler: orgUnit.DELETE as Handler,
    prepare: async () => {
      const ou = await createOrgUnit(acme, { identifier: unique("empty"), name: "Empty" }, TEST_ACTOR);
      return { method: "DELETE", path: (k) => `/api/v1/tenants/${k}/org-units/${ou.id}`, params: { key: acme.key, id: ou.id } };
    },
  },
  {
    name: "add a member to the OU admin's OU",
    allowed: ["superadmin", "tenant-admin", "ou-admin"],
    handler: members.POST as Handler,
    prepare: async () => {
      const username = unique("joiner");
      await newUser(username);
      return { method: "POST", path: (k) => `/api/v1/tenants/${k}/org-units/${ouX}/members`, params: { key: acme.key, id: ouX }, body: { username, role: "default" } };
    },
  },
  {
    name: "add a member to another OU",
    allowed: ["superadmin", "tenant-admin"],
    handler: members.POST as Handler,
    prepare: async () => {
      const username = unique("joiner");
      await newUser(username);
      return { method: "POST", path: (k) => `/api/v1/tenants/${k}/org-units/${ouY}/members`, params: { key: acme.key, id: ouY }, body: { username, role: "default" } };
    },
  },
  {
    name: "read the OU admin's OU members",
    allowed: ["superadmin", "tenant-admin", "ou-admin", "auditor"],
    handler: members.GET as Handler,
    prepare: async () => ({ method: "GET", path: (k) => `/api/v1/tenants/${k}/org-units/${ouX}/members`, params: { key: acme.key, id: ouX } }),
  },
];

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
  root = await rootTenant();
  for (const username of ["ada", "oscar", "audrey", "mo"]) await tenantDb(acme).user.create({ data: { username, provisioningState: "synced" } });
  ouX = (await createOrgUnit(acme, { identifier: "ou-x", name: "X" }, TEST_ACTOR)).id;
  ouY = (await createOrgUnit(acme, { identifier: "ou-y", name: "Y" }, TEST_ACTOR)).id;
  await addMembership(acme, ouX, { username: "oscar", role: "admin" }, TEST_PRINCIPAL, TEST_ACTOR);
  await addMembership(acme, ouY, { username: "audrey", role: "default" }, TEST_PRINCIPAL, TEST_ACTOR);
});

afterAll(() => closeTestResources(controller));

describe.each(ACTIONS)("$name", (action) => {
  it.each(ROLES)("as %s", async (role) => {
    const { method, path, params, body } = await action.prepare();
    const who = await caller(role);
    const before = await snapshot();
    const response = await call(action.handler, { host: who.host, cookie: who.cookie, method, path: path(acme.key), params, body });
    if (action.allowed.includes(role)) {
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    } else {
      expect([401, 403, 404], JSON.stringify(response.body)).toContain(response.status);
      expect(["unauthorized", "forbidden", "not_found"]).toContain(response.body.code);
      expect(await snapshot()).toEqual(before);
    }
  });
});
