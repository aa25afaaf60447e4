import type { z } from "zod";
import { notAllowed } from "@/lib/edge/session-guards";
import { tenantAdminCaller, type TenantAdminCaller } from "@/lib/edge/tenant-admin";
import { can, type Permission, type Scope } from "@/lib/permissions/permissions";
import { declareAction, type ActionSpec, type FormAction } from "@/lib/edge/action";
import type { BoundKinds, ParsedBound } from "@/lib/edge/bound";

export interface TenantActionContext extends TenantAdminCaller {
  /** Refuses with `forbidden` unless the caller holds `permission` (within `scope`). */
  authorize(permission: Permission, scope?: Scope): void;
}

export interface TenantActionSpec<B extends BoundKinds, S extends z.ZodType | undefined> extends ActionSpec<B, S, TenantActionContext> {
  /**
   * Checked before the input is parsed; a function gets the bound values (for an OU-scoped
   * permission). `"checked-by-handler"`: the handler calls `authorize` itself before changing
   * anything, when what it needs depends on what it looks up.
   */
  permission: Permission | ((bound: ParsedBound<B>) => { permission: Permission; scope?: Scope }) | "checked-by-handler";
}

/**
 * A tenant administrator's action: `(target, …bound, prev, formData)`. On a workspace host the
 * caller is its signed-in member and `target` null (or that workspace's key); from the console a
 * superadmin names the tenant in `target`. The page binds `target` (AdminScope), so it comes back
 * from the browser and is checked again here on every call (tenantAdminCaller).
 */
export function tenantAction<const B extends BoundKinds = [], S extends z.ZodType | undefined = undefined>(spec: TenantActionSpec<B, S>): FormAction<[target: string | null], B> {
  return declareAction(
    {
      leading: 1,
      authenticate: (target: string | null) => tenantAdminCaller(target),
      admit: (caller: TenantAdminCaller, bound: ParsedBound<B>): TenantActionContext => {
        const authorize = (permission: Permission, scope?: Scope) => {
          if (!can(caller.principal, permission, scope)) throw notAllowed();
        };
        if (spec.permission !== "checked-by-handler") {
          const check = typeof spec.permission === "function" ? spec.permission(bound) : { permission: spec.permission };
          authorize(check.permission, check.scope);
        }
        return { ...caller, authorize };
      },
    },
    spec,
  );
}
