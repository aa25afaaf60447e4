import { NextResponse } from "next/server";
import { controlDb } from "@/lib/db/control";
import { CLOUD_TENANT_KEY, ROOT_TENANT_KEY } from "@/lib/tenants/bootstrap";
import { probeRoute } from "@/lib/edge/open-routes";

export const dynamic = "force-dynamic";

/**
 * Readiness: the database answers and the platform's own tenants (the console's realm with the
 * first superadmin, the shared cloud tenant) are provisioned, so a sign-in can succeed. Right
 * after a first start on Keycloak that takes a few seconds longer than the process being up
 * (`/healthz`). Answers on any host.
 */
export const GET = probeRoute(async () => {
  const platformTenants = [ROOT_TENANT_KEY, CLOUD_TENANT_KEY];
  const active = await controlDb().tenant.count({ where: { key: { in: platformTenants }, status: "active" } });
  const headers = { "cache-control": "no-store" };
  if (active < platformTenants.length) return NextResponse.json({ status: "starting", code: "bootstrap_provisioning" }, { status: 503, headers });
  return NextResponse.json({ status: "ok" }, { headers });
});
