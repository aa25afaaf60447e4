import { httpStatus, withAdmin, type AdminClient } from "@/lib/identity/admin";

/** Realm roles of every tenant realm: the tenant-wide role of each user. */
export const TENANT_ROLES = ["tenant-admin", "auditor", "member"] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** The root realm's role that opens the console. */
export const SUPERADMIN_ROLE = "superadmin";

const descriptions: Record<string, string> = {
  "tenant-admin": "Administers the tenant: users, org units, memberships, settings",
  auditor: "Reads the tenant's records and audit trail",
  member: "A member of the tenant",
  superadmin: "Operates the platform from the console",
};

/** Creates the missing roles among `names`; never removes roles someone else added. */
export async function syncRealmRoles(realm: string, names: readonly string[]): Promise<void> {
  await withAdmin((admin) => createMissingRoles(admin, realm, names));
}

async function createMissingRoles(admin: AdminClient, realm: string, names: readonly string[]): Promise<void> {
  const existing = new Set((await admin.roles.find({ realm })).map((r) => r.name));
  for (const name of names) {
    if (existing.has(name)) continue;
    try {
      await admin.roles.create({ realm, name, description: descriptions[name] ?? name });
    } catch (error) {
      if (httpStatus(error) !== 409) throw error;
    }
  }
}

/** The roles Gatehouse gives meaning to; a token's `roles` claim is read through this (Keycloak adds default-roles-<realm>, offline_access, …). */
const GATEHOUSE_ROLES: ReadonlySet<string> = new Set([...TENANT_ROLES, SUPERADMIN_ROLE]);

export function gatehouseRoles(claim: unknown): string[] {
  return Array.isArray(claim) ? claim.filter((role): role is string => typeof role === "string" && GATEHOUSE_ROLES.has(role)) : [];
}
