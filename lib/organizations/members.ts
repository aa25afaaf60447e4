import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { requireOrganizationRole, type OrganizationCaller } from "@/lib/organizations/authority";
import type { OrganizationRole } from "@/lib/organizations/roles";

const LAST_ADMIN = "An organization keeps at least one admin. Make someone else an admin first.";

/**
 * The member's row, locked together with every admin row of the organization, so two admins
 * demoting or removing each other at once cannot leave the organization without an admin.
 */
async function lockMember(tx: Prisma.TransactionClient, organizationId: string, username: string) {
  const rows = await tx.$queryRaw<{ username: string; role: OrganizationRole }[]>`
    SELECT username, role::text AS role FROM organization_members WHERE organization_id = ${organizationId}::uuid AND (role = 'admin' OR username = ${username}) FOR UPDATE`;
  const member = rows.find((row) => row.username === username);
  if (!member) throw new AppError("not_found", "This person is not a member of the organization.");
  const admins = rows.filter((row) => row.role === "admin").length;
  return { member, isLastAdmin: member.role === "admin" && admins === 1 };
}

export async function changeMemberRole(
  cloud: ResolvedTenant,
  organizationId: string,
  username: string,
  role: OrganizationRole,
  caller: OrganizationCaller,
  by: AuditActor,
): Promise<void> {
  await tenantDb(cloud).$transaction(async (tx) => {
    await requireOrganizationRole(tx, organizationId, caller, "admin");
    const { member, isLastAdmin } = await lockMember(tx, organizationId, username);
    if (member.role === role) return;
    if (isLastAdmin) throw new AppError("conflict", LAST_ADMIN, { role: LAST_ADMIN });
    await tx.organizationMember.update({ where: { organizationId_username: { organizationId, username } }, data: { role } });
    await recordTenantEvent(tx, by, {
      action: "organization.member_role_changed",
      resourceType: "organization",
      resourceId: organizationId,
      before: { username, role: member.role },
      after: { username, role },
    });
  });
}

/** Removes the member from the organization (their cloud account stays; other organizations keep them). */
export async function removeMember(cloud: ResolvedTenant, organizationId: string, username: string, caller: OrganizationCaller, by: AuditActor): Promise<void> {
  await tenantDb(cloud).$transaction(async (tx) => {
    await requireOrganizationRole(tx, organizationId, caller, "admin");
    const { member, isLastAdmin } = await lockMember(tx, organizationId, username);
    if (isLastAdmin) throw new AppError("conflict", LAST_ADMIN);
    await tx.organizationMember.delete({ where: { organizationId_username: { organizationId, username } } });
    await recordTenantEvent(tx, by, { action: "organization.member_removed", resourceType: "organization", resourceId: organizationId, before: { username, role: member.role } });
  });
}
