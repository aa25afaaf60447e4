import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { headerAgrees } from "@/lib/tenancy/headers";
import { logger } from "@/lib/log/logger";
import { accessDenial } from "@/lib/access/enforce";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/**
 * Every page, server action and route handler calls one of these itself: the tenant comes from the
 * request's own Host header, resolved again here, never from a header the proxy (or a client) set.
 */
export async function requestTenant(): Promise<ResolvedTenant | null> {
  const h = await headers();
  const resolution = await resolveRequest(h);
  const tenant = resolution.found ? resolution.tenant : null;
  if (!headerAgrees(h, tenant)) {
    logger().warn({ host: h.get("host"), tenant: tenant?.key ?? null }, "tenant header disagrees with the Host header; refusing");
    notFound();
  }
  return tenant;
}

/** The console host (root tenant) or a 404. Sign-in is checked by lib/edge/session-guards on top of this. */
export async function requireConsoleHost(): Promise<ResolvedTenant> {
  const tenant = await requestTenant();
  if (!tenant || tenant.kind !== "root") notFound();
  return tenant;
}

/**
 * A customer-facing workspace (dedicated or shared cloud tenant) that the access rules let anyone
 * into, or a 404. The proxy already sends refused workspaces to their status page; this refuses
 * them if a request gets here anyway. Each user is checked again by lib/edge/session-guards.
 */
export async function requireWorkspace(): Promise<ResolvedTenant> {
  const tenant = await requestTenant();
  if (!tenant || tenant.kind === "root" || (await accessDenial(tenant, { kind: "anyone" }))) notFound();
  return tenant;
}
