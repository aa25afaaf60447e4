// App sessions are records on the server (lib/sessions): a cookie works only while its session is
// open, so signing out, "sign out everywhere", disabling the user or changing their password or
// role ends it for whoever holds a copy of the cookie.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionSecret } from "@/lib/secrets/tenant-secrets";
import { sessionFromRequest } from "@/lib/auth/request-session";
import { logoutRoute as logout } from "@/lib/edge/auth-routes";
import { tenantDb } from "@/lib/db/tenant-clients";
import { endUserSessions, listUserSessions } from "@/lib/sessions/service";
import { changeTenantUserRole, createTenantUser, resetTenantUserPassword, setTenantUserEnabled } from "@/lib/users/commands";
import { ProvisioningController } from "@/lib/provisioning/controller";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { createUserSchema } from "@/lib/users/schema";
import { sessionCookie } from "@/tests/support/api";
import { TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";

const controller = new ProvisioningController();
let acme: ResolvedTenant;
let globex: ResolvedTenant;

beforeAll(async () => {
  [acme, globex] = [await provisionedTenant(controller), await provisionedTenant(controller)];
}, 120_000);
afterAll(() => closeTestResources(controller));

const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;
const requestWith = (t: ResolvedTenant, cookie: string) => new Request(`http://${hostOf(t)}/api/v1/users`, { headers: { host: hostOf(t), cookie } });
const read = (t: ResolvedTenant, cookie: string) => sessionFromRequest(requestWith(t, cookie), t);

describe("sessions on route handlers", () => {
  it("reads the session a tenant issued", async () => {
    const cookie = await sessionCookie(acme, "asha", ["auditor"], "realm-user-1");
    expect(await read(acme, cookie)).toEqual({ username: "asha", roles: ["auditor"], subject: "realm-user-1" });
  });

  it("refuses another tenant's cookie, a cookie naming another tenant, and one with no session record", async () => {
    const acmeCookie = await sessionCookie(acme, "asha", ["tenant-admin"]);
    expect(await read(globex, acmeCookie)).toBeNull();
    const forged = await encode({ token: { tenant: acme.key, username: "asha" }, secret: sessionSecret(globex.id) });
    expect(await read(globex, `next-auth.session-token=${forged}`)).toBeNull();
    expect(await sessionFromRequest(new Request(`http://${hostOf(acme)}/`), acme)).toBeNull();
    // A well-formed cookie without a recorded session (made with the key, not by signing in), or naming another user's session.
    const unrecorded = await encode({ token: { tenant: acme.key, username: "asha", roles: ["tenant-admin"] }, secret: sessionSecret(acme.id) });
    expect(await read(acme, `next-auth.session-token=${unrecorded}`)).toBeNull();
    const bobs = await sessionCookie(acme, "bob", ["member"]);
    const stolenSid = (await listUserSessions(acme, "bob"))[0]!.id;
    const relabelled = await encode({ token: { tenant: acme.key, username: "asha", roles: ["tenant-admin"], sid: stolenSid }, secret: sessionSecret(acme.id) });
    expect(await read(acme, `next-auth.session-token=${relabelled}`)).toBeNull();
    expect(await read(acme, bobs)).not.toBeNull();
  });

  it("refuses a copied cookie once its user signed out, and only that session", async () => {
    const [laptop, phone] = [await sessionCookie(acme, "carol", ["member"]), await sessionCookie(acme, "carol", ["member"])];
    const copy = laptop;
    const response = await logout(
      new NextRequest(`http://${hostOf(acme)}/api/logout`, { method: "POST", headers: { host: hostOf(acme), cookie: laptop, origin: `http://${hostOf(acme)}` } }),
    );
    expect(response.status).toBe(303);
    expect(await read(acme, copy)).toBeNull();
    expect(await read(acme, phone)).not.toBeNull();
    const sessions = await listUserSessions(acme, "carol");
    expect(sessions.map((s) => s.endedReason).sort()).toEqual(["signed_out", null].sort());
  });

  it("refuses sign-out from another site's page, and the session stays", async () => {
    const cookie = await sessionCookie(acme, "dan", ["member"]);
    for (const headers of [{ origin: "http://evil.example" }, { origin: `http://${hostOf(globex)}` }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
      const response = await logout(new NextRequest(`http://${hostOf(acme)}/api/logout`, { method: "POST", headers: { host: hostOf(acme), cookie, ...headers } }));
      expect(response.status).toBe(403);
    }
    expect(await read(acme, cookie)).not.toBeNull();
  });

  it("ends a user's sessions when they are disabled, their password is reset or their role loses a permission", async () => {
    for (const [username, change] of [
      ["erin", (u: string) => setTenantUserEnabled(acme, u, false, TEST_PRINCIPAL, TEST_ACTOR)],
      ["frank", (u: string) => resetTenantUserPassword(acme, u, undefined, TEST_PRINCIPAL, TEST_ACTOR)],
      ["gina", (u: string) => changeTenantUserRole(acme, u, "member", TEST_PRINCIPAL, TEST_ACTOR)],
    ] as const) {
      await createTenantUser(acme, createUserSchema.parse({ username, tenantRole: username === "gina" ? "auditor" : "member" }), TEST_PRINCIPAL, TEST_ACTOR);
      const cookie = await sessionCookie(acme, username, ["member"]);
      expect(await read(acme, cookie), username).not.toBeNull();
      await change(username);
      expect(await read(acme, cookie), username).toBeNull();
    }
    const reasons = await tenantDb(acme).appSession.findMany({
      where: { username: { in: ["erin", "frank", "gina"] } },
      select: { username: true, endedReason: true },
      orderBy: { username: "asc" },
    });
    expect(reasons).toEqual([
      { username: "erin", endedReason: "user_disabled" },
      { username: "frank", endedReason: "password_changed" },
      { username: "gina", endedReason: "role_changed" },
    ]);
  });

  it("signs out everywhere but here, and audits an admin's ending them", async () => {
    const [here, there] = [await sessionCookie(acme, "hal", ["member"]), await sessionCookie(acme, "hal", ["member"])];
    const [mine] = await listUserSessions(acme, "hal"); // newest first: `there`
    const keep = (await listUserSessions(acme, "hal")).find((s) => s.id !== mine!.id)!.id;
    expect(await endUserSessions(acme, "hal", "signed_out_everywhere", { keep })).toBe(1);
    expect(await read(acme, here)).not.toBeNull();
    expect(await read(acme, there)).toBeNull();
    expect(await endUserSessions(acme, "hal", "revoked_by_admin", { by: TEST_ACTOR })).toBe(1);
    expect(await read(acme, here)).toBeNull();
    const event = await tenantDb(acme).auditEvent.findFirst({ where: { action: "user.sessions_ended", resourceId: "hal" } });
    expect(event?.after).toEqual({ reason: "revoked_by_admin", sessions: 1 });
  });

  it("refuses an expired session even while the cookie itself is still valid", async () => {
    const cookie = await sessionCookie(acme, "ivy", ["member"]);
    await tenantDb(acme).appSession.updateMany({ where: { username: "ivy" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await read(acme, cookie)).toBeNull();
  });
});
