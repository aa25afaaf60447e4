import type { Logger } from "pino";
import type { TenantKind } from "@/lib/db/generated/control/enums";
import { createTenantDatabase, migrateTenantDatabase } from "@/lib/provisioning/database-steps";
import { ensureTenantAdmin, ensureTenantClient, ensureTenantRealm, syncTenantRoles } from "@/lib/provisioning/identity-steps";
import { purgeDatabase, purgeRealm, releaseTenantKey } from "@/lib/provisioning/purge-steps";
import { ensureSharedOrganizations } from "@/lib/provisioning/organization-steps";

/** What a step sees of its tenant. */
export interface ProvisioningTenant {
  id: string;
  key: string;
  displayName: string;
  kind: TenantKind;
  databaseName: string;
  databaseUrl: string | null;
}

export interface StepContext {
  tenant: ProvisioningTenant;
  log: Logger;
}

/**
 * One unit of provisioning. `run` must be idempotent: it is retried after a failure and re-run
 * after a crash, possibly after it already did part or all of its work.
 */
export interface StepDefinition {
  name: string;
  title: string;
  /** One or two words for compact lists. */
  label: string;
  run(ctx: StepContext): Promise<void>;
}

/** The ordered steps every tenant goes through; later features append steps here. */
export const PROVISIONING_STEPS: readonly StepDefinition[] = [
  { name: "database.create", title: "Create database", label: "Database", run: createTenantDatabase },
  { name: "database.migrate", title: "Apply database migrations", label: "Migrations", run: migrateTenantDatabase },
  { name: "realm.ensure", title: "Ensure identity realm", label: "Realm", run: ensureTenantRealm },
  { name: "client.ensure", title: "Ensure app client and claim mappers", label: "Client", run: ensureTenantClient },
  { name: "roles.sync", title: "Sync realm roles", label: "Roles", run: syncTenantRoles },
  { name: "admin.ensure", title: "Ensure admin account", label: "Admin", run: ensureTenantAdmin },
];

/**
 * The purge of a deleted tenant, queued by the controller once its retention period is over (never
 * for a tenant that is not deleted). Positions follow the provisioning steps'.
 */
export const PURGE_STEPS: readonly StepDefinition[] = [
  { name: "purge.realm", title: "Delete identity realm", label: "Purge realm", run: purgeRealm },
  { name: "purge.database", title: "Drop database", label: "Purge database", run: purgeDatabase },
  { name: "purge.release_key", title: "Release tenant key", label: "Release key", run: releaseTenantKey },
];
/**
 * Catch-up work on every pass over a tenant of `kind` once its steps are done (its database is
 * ready: first start, or migrated after an upgrade). It has no step row: it runs again on each pass,
 * and a failure is logged and left to the next pass without holding the tenant back.
 */
export interface PassDefinition {
  name: string;
  kind: TenantKind;
  run(ctx: StepContext): Promise<void>;
}

export const TENANT_PASSES: readonly PassDefinition[] = [{ name: "organizations.ensure", kind: "shared_cloud", run: ensureSharedOrganizations }];

export const PURGE_STEP_NAMES = PURGE_STEPS.map((s) => s.name);
export const PURGE_POSITION_BASE = 1_000;

export function isPurgeStep(name: string): boolean {
  return PURGE_STEP_NAMES.includes(name);
}

/** Any step this version knows, provisioning or purge. */
export function stepDefinition(name: string): StepDefinition | undefined {
  return PROVISIONING_STEPS.find((s) => s.name === name) ?? PURGE_STEPS.find((s) => s.name === name);
}

export function stepTitle(name: string): string {
  return stepDefinition(name)?.title ?? name;
}

export function stepLabel(name: string): string {
  return stepDefinition(name)?.label ?? name;
}

/** Rows to insert for a new tenant: every step pending, in order. */
export function initialStepRows(): { step: string; position: number }[] {
  return PROVISIONING_STEPS.map((s, position) => ({ step: s.name, position }));
}
