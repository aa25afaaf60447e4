import "server-only";
import { getServerSession, type Session } from "next-auth";
import { authOptionsFor } from "@/lib/auth/options";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** The session of this tenant's realm if there is one; for chrome such as "signed in as". */
export async function optionalSession(tenant: ResolvedTenant): Promise<Session | null> {
  const session = await getServerSession(authOptionsFor(tenant));
  return session && session.tenant === tenant.key ? session : null;
}
