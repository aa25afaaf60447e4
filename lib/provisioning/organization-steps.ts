import { ensureOrganizations } from "@/lib/organizations/provision";
import type { StepContext } from "@/lib/provisioning/steps";

/**
 * Every shared customer gets its organization in the cloud tenant's database, also those onboarded
 * before organizations existed or whose organization was not created at onboarding.
 */
export async function ensureSharedOrganizations({ tenant, log }: StepContext): Promise<void> {
  const created = await ensureOrganizations(tenant);
  if (created) log.info({ created }, "organizations created for shared customers");
}
