"use server";

import { addDomain, removeDomain, verifyDomain } from "@/lib/domains/service";
import { BOUND } from "@/lib/edge/bound";
import { tenantAction } from "@/lib/edge/tenant-action";

export const addDomainAction = tenantAction({
  permission: "settings:update",
  handle: async ({ tenant, actor, values }) => {
    const domain = await addDomain(tenant, values.hostname ?? "", actor);
    return { message: `“${domain.hostname}” added. Create the DNS records below, then verify.` };
  },
});

export const verifyDomainAction = tenantAction({
  bound: [BOUND.domain],
  permission: "settings:update",
  handle: async ({ tenant, actor, bound: [hostname] }) => {
    const domain = await verifyDomain(tenant, hostname, actor);
    if (domain.status === "verified" && !domain.failingSince) return { message: `“${domain.hostname}” is verified.` };
    return { ok: false, code: "validation_failed", message: domain.lastError ?? "Not verified yet." };
  },
});

export const removeDomainAction = tenantAction({
  bound: [BOUND.domain],
  permission: "settings:update",
  handle: async ({ tenant, actor, bound: [hostname] }) => {
    const domain = await removeDomain(tenant, hostname, actor);
    return { message: `“${domain.hostname}” removed.` };
  },
});
