import { controlDb } from "@/lib/db/control";
import { ensureRealm } from "@/lib/identity/realms";
import { SUPERADMIN_ROLE, TENANT_ROLES, syncRealmRoles } from "@/lib/identity/roles";
import { createUser, findUserByUsername, grantRealmRoles } from "@/lib/identity/users";
import { generatePassword, seal, unseal } from "@/lib/secrets/keys";
import { syncAppClient } from "@/lib/domains/app-client";
import { withRealmWrites } from "@/lib/db/session-lock";
import { PASSWORD_MIN_LENGTH } from "@/shared/password-policy";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { StepContext } from "@/lib/provisioning/steps";
import { BREAK_GLASS_USERNAME } from "@/lib/kernel/break-glass";
import { readSection } from "@/lib/config/env";

/** Under the tenant's realm-write lock: ensureRealm reads the realm before it writes it, as the branding push does. */
export async function ensureTenantRealm({ tenant }: StepContext): Promise<void> {
  await withRealmWrites(tenant.id, () => ensureRealm({ name: tenant.key, displayName: tenant.displayName, enabled: true }));
}

/** The app client, with redirect URIs for the tenant's host and its verified custom domains. */
export async function ensureTenantClient({ tenant }: StepContext): Promise<void> {
  await syncAppClient(tenant);
}

export async function syncTenantRoles({ tenant }: StepContext): Promise<void> {
  await syncRealmRoles(tenant.key, tenant.kind === "root" ? [...TENANT_ROLES, SUPERADMIN_ROLE] : TENANT_ROLES);
}

/**
 * The tenant's first administrator. Root tenant: the bootstrap superadmin from configuration.
 * Dedicated tenant: the customer's break-glass admin, whose initial password is generated here,
 * sealed in the control plane *before* the user is created (so a crash cannot lose it), and shown
 * once to the superadmin. The shared cloud tenant has no admin of its own: the platform runs it.
 */
export async function ensureTenantAdmin({ tenant }: StepContext): Promise<void> {
  if (tenant.kind === "root") return ensureBootstrapSuperadmin(tenant.key);
  if (tenant.kind !== "dedicated") return;

  const db = controlDb();
  await db.tenantInitialCredential.createMany({
    data: [{ tenantId: tenant.id, username: BREAK_GLASS_USERNAME, sealedPassword: seal(generatePassword(), tenant.id) }],
    skipDuplicates: true,
  });
  const credential = await db.tenantInitialCredential.findUniqueOrThrow({ where: { tenantId: tenant.id } });
  const existing = await findUserByUsername(tenant.key, credential.username);
  if (existing) {
    await grantRealmRoles(tenant.key, existing.id, ["tenant-admin"]); // a crash may have come between create and grant
    await recordBreakGlassUser(tenant, credential.username, existing.id);
    return;
  }
  let password: string;
  if (credential.sealedPassword) {
    password = unseal(credential.sealedPassword, tenant.id);
  } else {
    // Revealed, yet the user is gone from the realm: issue a new one-time password.
    password = generatePassword();
    await db.tenantInitialCredential.update({ where: { tenantId: tenant.id }, data: { sealedPassword: seal(password, tenant.id), revealedAt: null } });
  }
  const created = await createUser(
    tenant.key,
    { username: credential.username, firstName: "Break-glass", lastName: "Admin" }, // the tenant database marks it break-glass; Keycloak drops undeclared attributes
    password,
    ["tenant-admin"],
    { temporary: true }, // a one-time password: the admin chooses its own at the first sign-in
  );
  const user = created ?? (await findUserByUsername(tenant.key, credential.username));
  if (!user) throw new Error("the break-glass admin vanished while being created");
  if (!created) await grantRealmRoles(tenant.key, user.id, ["tenant-admin"]);
  await recordBreakGlassUser(tenant, credential.username, user.id);
}

/** The break-glass admin as a user of the tenant's own database: undeletable there, and disable-able. */
async function recordBreakGlassUser(tenant: StepContext["tenant"], username: string, identityId: string): Promise<void> {
  await tenantDb(tenant).user.upsert({
    where: { username },
    create: { username, identityId, isBreakGlass: true, tenantRole: "tenant-admin", firstName: "Break-glass", lastName: "Admin", provisioningState: "synced" },
    update: { identityId, isBreakGlass: true, tenantRole: "tenant-admin" },
  });
}

async function ensureBootstrapSuperadmin(realm: string): Promise<void> {
  const { GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME: username, GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD: password } = readSection("secrets");
  if (!username || !password) throw new Error("Set GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME and GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD to create the first superadmin.");
  const existing = await findUserByUsername(realm, username);
  if (existing) {
    await grantRealmRoles(realm, existing.id, [SUPERADMIN_ROLE]);
    return;
  }
  if (password.length < PASSWORD_MIN_LENGTH)
    throw new Error(`GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD must have at least ${PASSWORD_MIN_LENGTH} characters, as every Gatehouse password.`);
  const created = await createUser(realm, { username, firstName: "Platform", lastName: "Superadmin" }, password, [SUPERADMIN_ROLE]);
  if (!created) {
    const raced = await findUserByUsername(realm, username);
    if (raced) await grantRealmRoles(realm, raced.id, [SUPERADMIN_ROLE]);
  }
}
