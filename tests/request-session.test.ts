import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionSecret } from "@/lib/auth/client-secret";
import { sessionFromRequest } from "@/lib/auth/request-session";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const tenant = (key: string): ResolvedTenant => ({ id: randomUUID(), key, displayName: key, kind: "dedicated", status: "active", databaseName: "x", databaseUrl: null });

async function cookieFor(t: ResolvedTenant, claims: Record<string, unknown>): Promise<string> {
  const value = await encode({ token: { tenant: t.key, ...claims }, secret: sessionSecret(t.id) });
  return `next-auth.session-token=${value}`;
}

describe("sessions on route handlers", () => {
  it("reads the session a tenant issued", async () => {
    const acme = tenant("acme");
    const request = new Request("http://acme.localhost/api/v1/x", { headers: { cookie: await cookieFor(acme, { username: "asha", roles: ["auditor"], sub: "realm-user-1" }) } });
    expect(await sessionFromRequest(request, acme)).toEqual({ username: "asha", roles: ["auditor"], subject: "realm-user-1" });
  });

  it("refuses another tenant's cookie, and a cookie naming another tenant", async () => {
    const [acme, globex] = [tenant("acme"), tenant("globex")];
    const acmeCookie = await cookieFor(acme, { username: "asha", roles: ["tenant-admin"] });
    expect(await sessionFromRequest(new Request("http://globex.localhost/", { headers: { cookie: acmeCookie } }), globex)).toBeNull();
    const forged = await encode({ token: { tenant: "acme", username: "asha" }, secret: sessionSecret(globex.id) });
    expect(await sessionFromRequest(new Request("http://globex.localhost/", { headers: { cookie: `next-auth.session-token=${forged}` } }), globex)).toBeNull();
    expect(await sessionFromRequest(new Request("http://acme.localhost/"), acme)).toBeNull();
  });
});
