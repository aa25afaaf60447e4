"use server";

import { authorizeTenantAdmin } from "@/lib/auth/tenant-admin";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { addDomain, removeDomain, verifyDomain } from "@/lib/domains/service";

export async function addDomainAction(target: string | null, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const { tenant, actor } = await authorizeTenantAdmin(target, "settings:update");
    const domain = await addDomain(tenant, values.hostname ?? "", actor);
    return { message: `“${domain.hostname}” added. Create the DNS records below, then verify.` };
  });
}

export async function verifyDomainAction(target: string | null, hostname: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor } = await authorizeTenantAdmin(target, "settings:update");
    const domain = await verifyDomain(tenant, hostname, actor);
    if (domain.status === "verified" && !domain.failingSince) return { message: `“${domain.hostname}” is verified.` };
    return { ok: false, code: "validation_failed", message: domain.lastError ?? "Not verified yet." };
  });
}

export async function removeDomainAction(target: string | null, hostname: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const { tenant, actor } = await authorizeTenantAdmin(target, "settings:update");
    const domain = await removeDomain(tenant, hostname, actor);
    return { message: `“${domain.hostname}” removed.` };
  });
}
