import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/tenant/client";
import { AppError } from "@/lib/errors/app-error";
import { organizationAccessDenial } from "@/lib/access/enforce";
import { describeOrganizationDenial } from "@/lib/access/messages";
import type { OrganizationRole } from "@/lib/organizations/roles";

/** Who acts on an organization: a signed-in user of the cloud realm, or the platform (a superadmin on the console). */
export type OrganizationCaller = { kind: "member"; username: string } | { kind: "platform" };

type Tx = Prisma.TransactionClient;

export const ORGANIZATION_NOT_FOUND = "Organization not found.";

/** Ids come back from the browser: anything that is not a UUID is simply not found. */
export const isId = (value: string) => z.uuid().safeParse(value).success;

/**
 * The organization, if `caller` holds `needed` in it; checked inside the change's transaction (so
 * a membership removed meanwhile cannot act), which is why it is not the edge's cloudAction.
 * Someone outside the organization gets the same `not_found` as for an id that does not exist, so
 * guessing ids reveals nothing. A member is also refused while the organization's customer is
 * locked out by its standing; the platform is not.
 */
export async function requireOrganizationRole(tx: Tx, organizationId: string, caller: OrganizationCaller, needed: OrganizationRole) {
  const organization = isId(organizationId) ? await tx.organization.findUnique({ where: { id: organizationId } }) : null;
  if (!organization) throw new AppError("not_found", ORGANIZATION_NOT_FOUND);
  if (caller.kind === "platform") return organization;
  const membership = await tx.organizationMember.findUnique({ where: { organizationId_username: { organizationId, username: caller.username } } });
  if (!membership) throw new AppError("not_found", ORGANIZATION_NOT_FOUND);
  const denial = await organizationAccessDenial(organization.customerId);
  if (denial) {
    const text = describeOrganizationDenial(denial, organization.name);
    throw new AppError(denial.code, `${text.title}. ${text.contact}`);
  }
  if (needed === "admin" && membership.role !== "admin") throw new AppError("forbidden", "Only the organization's admins may do this.");
  return organization;
}
