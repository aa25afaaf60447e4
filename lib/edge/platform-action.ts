import type { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { authorizeSuperadmin } from "@/lib/edge/session-guards";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { declareAction, type ActionSpec, type FormAction } from "@/lib/edge/action";
import type { BoundKinds } from "@/lib/edge/bound";

/** A superadmin on the console host. */
export interface PlatformActionContext {
  /** The console's own tenant. */
  tenant: ResolvedTenant;
  actor: AuditActor;
}

/** A superadmin's action on the console: `(…bound, prev, formData)`, e.g. `bound: [BOUND.tenant]`. */
export function platformAction<const B extends BoundKinds = [], S extends z.ZodType | undefined = undefined>(spec: ActionSpec<B, S, PlatformActionContext>): FormAction<[], B> {
  return declareAction(
    {
      leading: 0,
      authenticate: async () => authorizeSuperadmin(),
      admit: ({ tenant, actor }) => ({ tenant, actor }),
    },
    spec,
  );
}
