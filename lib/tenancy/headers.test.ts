import { describe, expect, it } from "vitest";
import { headerAgrees, TENANT_HEADERS, withTenantHeaders } from "@/lib/tenancy/headers";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const tenant: ResolvedTenant = {
  id: "11111111-1111-4111-8111-111111111111",
  key: "acme",
  displayName: "Acme",
  kind: "dedicated",
  status: "active",
  databaseName: "d",
  databaseUrl: null,
};

describe("tenant request headers", () => {
  it("drops tenant headers a client sent and sets the resolved tenant's", () => {
    const forged = new Headers({ host: "acme.localhost", "x-gatehouse-tenant-id": "forged", "X-Gatehouse-Anything": "x" });
    const headers = withTenantHeaders(forged, tenant, { host: "acme.localhost", path: "/x?y=1" });
    expect(headers.get(TENANT_HEADERS.id)).toBe(tenant.id);
    expect(headers.get(TENANT_HEADERS.key)).toBe("acme");
    expect(headers.get("x-gatehouse-anything")).toBeNull();
    expect(headers.get("host")).toBe("acme.localhost");
    expect(headers.get("x-forwarded-host")).toBe("acme.localhost");
    expect(headers.get(TENANT_HEADERS.path)).toBe("/x?y=1");
  });

  it("leaves no tenant header for an unknown host, even when the client sent one", () => {
    const headers = withTenantHeaders(new Headers({ "x-gatehouse-tenant-id": tenant.id, "x-forwarded-host": "evil.example" }), null, { host: null, path: "/" });
    expect(headers.get("x-forwarded-host")).toBeNull();
    expect(headers.get(TENANT_HEADERS.id)).toBeNull();
  });

  it("detects a header that names another tenant than the Host header resolves to", () => {
    expect(headerAgrees(new Headers({ [TENANT_HEADERS.id]: tenant.id }), tenant)).toBe(true);
    expect(headerAgrees(new Headers(), tenant)).toBe(true);
    expect(headerAgrees(new Headers({ [TENANT_HEADERS.id]: "another" }), tenant)).toBe(false);
    expect(headerAgrees(new Headers({ [TENANT_HEADERS.id]: tenant.id }), null)).toBe(false);
  });
});
