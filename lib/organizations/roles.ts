// No imports: bundled into the browser for the role selects.

/** A member's role in an organization: admins invite, remove and change roles; members see the member list. */
export const ORGANIZATION_ROLES = ["admin", "member"] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ORGANIZATION_ROLE_LABELS: Record<OrganizationRole, string> = { admin: "Admin", member: "Member" };

const DESCRIPTIONS: Record<OrganizationRole, string> = { member: "sees the organization and its members", admin: "also invites, removes and changes roles" };

/** The role choices: with what each role means (invite form), or just its name (role cells). */
export function organizationRoleOptions({ described }: { described: boolean }): { value: OrganizationRole; label: string }[] {
  return (["member", "admin"] as const).map((value) => ({
    value,
    label: described ? `${ORGANIZATION_ROLE_LABELS[value]} — ${DESCRIPTIONS[value]}` : ORGANIZATION_ROLE_LABELS[value],
  }));
}
