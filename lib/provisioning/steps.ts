import type { Logger } from "pino";
import type { TenantKind } from "@/lib/db/generated/control/enums";
import { createTenantDatabase, migrateTenantDatabase } from "@/lib/provisioning/database-steps";
import { ensureTenantAdmin, ensureTenantClient, ensureTenantRealm, syncTenantRoles } from "@/lib/provisioning/identity-steps";

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

export function stepTitle(name: string): string {
  return PROVISIONING_STEPS.find((s) => s.name === name)?.title ?? name;
}

export function stepLabel(name: string): string {
  return PROVISIONING_STEPS.find((s) => s.name === name)?.label ?? name;
}

/** Rows to insert for a new tenant: every step pending, in order. */
export function initialStepRows(): { step: string; position: number }[] {
  return PROVISIONING_STEPS.map((s, position) => ({ step: s.name, position }));
}
