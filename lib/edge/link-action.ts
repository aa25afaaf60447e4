import { headers } from "next/headers";
import type { z } from "zod";
import { requestActor, type AuditActor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors/app-error";
import { enforceLimits, linkCheck } from "@/lib/rate-limits/enforce";
import { requireWorkspace } from "@/lib/access/request";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { declareAction, type ActionSpec, type FormAction } from "@/lib/edge/action";
import type { BoundKinds } from "@/lib/edge/bound";

/** Someone holding a link, on the workspace host: no session, the link's token is the credential. */
export interface LinkActionContext {
  /** This host's tenant: a link is checked in it only. */
  tenant: ResolvedTenant;
  /** The anonymous caller's address and user agent. */
  client: AuditActor;
}

export interface LinkActionSpec<B extends BoundKinds, S extends z.ZodType | undefined> extends ActionSpec<B, S, LinkActionContext> {
  /** The host's tenant must be the shared cloud (`refusal`: what to say on any other host). */
  cloudOnly?: { refusal: string };
}

/** A public action behind a link (`bound: [BOUND.token]`): rate limited per address before anything else is checked. */
export function linkAction<const B extends BoundKinds = [], S extends z.ZodType | undefined = undefined>(spec: LinkActionSpec<B, S>): FormAction<[], B> {
  const authenticate = async (): Promise<LinkActionContext> => {
    const tenant = await requireWorkspace();
    if (spec.cloudOnly && tenant.kind !== "shared_cloud") throw new AppError("not_found", spec.cloudOnly.refusal);
    const client = requestActor(await headers(), "");
    await enforceLimits(linkCheck(tenant, client.ip), { tenant, actor: { ...client, actor: `${tenant.key}/anonymous` } });
    return { tenant, client };
  };
  return declareAction({ leading: 0, authenticate, admit: (caller) => caller }, spec);
}
