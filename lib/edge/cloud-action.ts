import type { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { authenticateMember } from "@/lib/edge/session-guards";
import { AppError } from "@/lib/errors/app-error";
import type { OrganizationCaller } from "@/lib/organizations/authority";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { declareAction, type ActionSpec, type FormAction } from "@/lib/edge/action";
import type { BoundKinds } from "@/lib/edge/bound";

/** A signed-in user of the cloud realm, on the cloud host. */
export interface CloudActionContext {
  /** The shared-cloud tenant. */
  tenant: ResolvedTenant;
  username: string;
  /** The caller as the organization commands take it. */
  as: OrganizationCaller;
  actor: AuditActor;
}

/** Organizations exist on the cloud host only; on any other workspace these actions do not. */
async function cloudMember(): Promise<CloudActionContext> {
  const caller = await authenticateMember();
  if (caller.tenant.kind !== "shared_cloud") throw new AppError("not_found", "Organizations exist on the shared cloud host only.");
  const username = caller.session.user.username;
  return { tenant: caller.tenant, username, as: { kind: "member", username }, actor: caller.actor };
}

/**
 * A shared-cloud member's action on an organization: `(…bound, prev, formData)`, e.g.
 * `bound: [BOUND.organization]`. The organization comes back from the browser like every bound
 * value; the commands check the caller's role in it inside their transaction.
 */
export function cloudAction<const B extends BoundKinds = [], S extends z.ZodType | undefined = undefined>(spec: ActionSpec<B, S, CloudActionContext>): FormAction<[], B> {
  return declareAction({ leading: 0, authenticate: cloudMember, admit: (caller) => caller }, spec);
}
