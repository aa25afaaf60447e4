import { AppError } from "@/lib/errors/app-error";
import { headerAgrees } from "@/lib/tenancy/headers";
import { resolveRequest } from "@/lib/tenancy/resolve";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { assertAccess } from "@/lib/access/enforce";

/** The tenant of the request's own Host header (never a header a client or the proxy set). */
export async function hostTenant(request: Request): Promise<ResolvedTenant> {
  const resolution = await resolveRequest(request.headers);
  const tenant = resolution.found ? resolution.tenant : null;
  if (!tenant || !headerAgrees(request.headers, tenant)) throw new AppError("not_found", "Unknown workspace.");
  // Refused before any credential is looked at, unless the break-glass admin might be let in.
  await assertAccess(tenant, { kind: "anyone" });
  return tenant;
}
