import { tenantDb } from "@/lib/db/tenant-clients";
import { escapeLike } from "@/shared/like";
import { toPage, type PageQuery, type Page } from "@/lib/pagination/page";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { OrganizationRole } from "@/lib/organizations/roles";

// Every read of an organization's people goes through an organization the caller was checked
// against (lib/organizations/page-guard.ts on the cloud host, the superadmin on the console).

/** The organizations `username` belongs to, with their role in each. */
export function organizationsOf(cloud: ResolvedTenant, username: string) {
  return tenantDb(cloud).organizationMember.findMany({
    where: { username },
    select: { role: true, organization: { select: { id: true, slug: true, name: true, customerId: true } } },
    orderBy: { organization: { name: "asc" } },
  });
}

/** The organization by slug and `username`'s role in it; null when it does not exist or they are not a member. */
export async function membershipBySlug(cloud: ResolvedTenant, slug: string, username: string) {
  const row = await tenantDb(cloud).organizationMember.findFirst({ where: { username, organization: { slug } }, select: { role: true, organization: true } });
  return row ? { organization: row.organization, role: row.role } : null;
}

export interface OrganizationMemberRow {
  username: string;
  email: string | null;
  name: string;
  role: OrganizationRole;
  joinedAt: Date;
}

/** One page of the organization's members, by username. */
export async function listOrganizationMembers(cloud: ResolvedTenant, organizationId: string, query: PageQuery): Promise<Page<OrganizationMemberRow>> {
  const db = tenantDb(cloud);
  const where = { organizationId, ...(query.q ? { username: { contains: escapeLike(query.q.toLowerCase()) } } : {}) };
  const [rows, total] = await db.$transaction([
    db.organizationMember.findMany({
      where,
      orderBy: { username: "asc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { user: { select: { email: true, firstName: true, lastName: true } } },
    }),
    db.organizationMember.count({ where }),
  ]);
  const items = rows.map((row) => ({
    username: row.username,
    email: row.user.email,
    name: [row.user.firstName, row.user.lastName].filter(Boolean).join(" "),
    role: row.role,
    joinedAt: row.createdAt,
  }));
  return toPage(items, total, query);
}

export type InvitationStatus = "open" | "expired" | "accepted" | "revoked";

/** The organization's invitations, newest first (the last 100), with their status now. */
export async function listInvitations(cloud: ResolvedTenant, organizationId: string, now = Date.now()) {
  const rows = await tenantDb(cloud).organizationInvitation.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take: 100, omit: { tokenHash: true } });
  return rows.map((row) => {
    const status: InvitationStatus = row.acceptedAt ? "accepted" : row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "open";
    return { ...row, role: row.role, status };
  });
}

/** The customer's organization (console), or null while it has not been created. */
export function organizationOfCustomer(cloud: ResolvedTenant, customerId: string) {
  return tenantDb(cloud).organization.findUnique({ where: { customerId } });
}
