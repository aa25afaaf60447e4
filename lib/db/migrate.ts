import fs from "node:fs/promises";
import path from "node:path";
import { logger } from "@/lib/log/logger";
import { grantAppRole } from "@/lib/db/app-role";
import { applySqlMigrations } from "@/shared/sql-migrations";

/** control: the control plane; tenant: every tenant database. (The embedded identity server migrates its own, idp/migrate.ts.) */
export type SchemaKind = "control" | "tenant";

/** The SQL migrations of a schema kind; the same tenant files run for every tenant database. */
export function migrationsDir(kind: SchemaKind): string {
  return path.join(process.cwd(), "prisma", kind, "migrations");
}

/**
 * Applies the pending SQL migrations of `kind` to the database at `url` (shared/sql-migrations.ts:
 * one transaction, under an advisory lock). `url` is the owner's login; afterwards the app's role
 * gets its privileges on every table (lib/db/app-role.ts). Returns the names of the migrations it applied.
 */
export async function migrate(kind: SchemaKind, url: string): Promise<string[]> {
  const applied = await applySqlMigrations(url, migrationsDir(kind), logger().child({ component: "migrate", kind }));
  await grantAppRole(kind, url);
  return applied;
}

/** Name of the newest migration file of `kind`, as node-pg-migrate records it (no extension). */
export async function latestMigration(kind: SchemaKind): Promise<string | null> {
  const files = (await fs.readdir(migrationsDir(kind))).filter((f) => f.endsWith(".sql")).sort();
  return files.at(-1)?.replace(/\.sql$/, "") ?? null;
}
