import type { z } from "zod";
import { authenticateMember, type TenantCaller } from "@/lib/edge/session-guards";
import { declareAction, type ActionSpec, type FormAction } from "@/lib/edge/action";
import type { BoundKinds } from "@/lib/edge/bound";

/** A signed-in member's action on their own account in this workspace (no permission needed). */
export function memberAction<const B extends BoundKinds = [], S extends z.ZodType | undefined = undefined>(spec: ActionSpec<B, S, TenantCaller>): FormAction<[], B> {
  return declareAction({ leading: 0, authenticate: authenticateMember, admit: (caller) => caller }, spec);
}
