import "server-only";
import { headers } from "next/headers";
import { getServerSession, type Session } from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import type { ResolvedTenant } from "@/lib/tenancy/types";

// Who calls, from the request's session; what they may do is the edge's (lib/edge/session-guards.ts).

/** Who is calling: the tenant the host resolved to, and a session issued by that tenant's realm. */
export interface Caller {
  tenant: ResolvedTenant;
  session: Session;
  actor: AuditActor;
}

/** The caller of this request in `tenant`, or null without a session of that tenant's realm. */
export async function callerOf(tenant: ResolvedTenant): Promise<Caller | null> {
  const session = await getServerSession(authOptionsFor(tenant));
  // The session key is per tenant, so another tenant's cookie does not even decrypt; check anyway.
  if (!session || session.tenant !== tenant.key) return null;
  const h = await headers();
  return {
    tenant,
    session,
    actor: requestActor(h, `${tenant.key}/${session.user.username}`),
  };
}
