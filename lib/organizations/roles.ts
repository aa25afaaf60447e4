// No imports: bundled into the browser for the role selects.

/** A member's role in an organization: admins invite, remove and change roles; members see the member list. */
export const ORGANIZATION_ROLES = ["admin", "member"] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const ORGANIZATION_ROLE_OPTIONS: readonly { value: OrganizationRole; label: string }[] = [
  { value: "member", label: "Member — sees the organization and its members" },
  { value: "admin", label: "Admin — also invites, removes and changes roles" },
];
