import type { TenantRole } from "@/lib/identity/roles";

/** The tenant-wide roles as the forms offer them. */
export const tenantRoleOptions: { value: TenantRole; label: string }[] = [
  { value: "member", label: "Member" },
  { value: "auditor", label: "Auditor (reads everything)" },
  { value: "tenant-admin", label: "Tenant admin" },
];
