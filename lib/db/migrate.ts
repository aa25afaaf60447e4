import fs from "node:fs/promises";
import path from "node:path";
import { runner } from "node-pg-migrate";
import { logger } from "@/lib/log/logger";
import { grantAppRole } from "@/lib/db/app-role";

/** control: the control plane; tenant: every tenant database; idp: the embedded identity server's database. */
export type SchemaKind = "control" | "tenant" | "idp";

/** The SQL migrations of a schema kind; the same tenant files run for every tenant database. */
export function migrationsDir(kind: SchemaKind): string {
  return kind === "idp" ? path.join(process.cwd(), "idp", "migrations") : path.join(process.cwd(), "prisma", kind, "migrations");
}

/**
 * Applies the pending SQL migrations of `kind` to the database at `url`, in one transaction.
 * node-pg-migrate holds an advisory lock while it runs, so two app processes starting together
 * wait for each other instead of racing. `url` is the owner's login; afterwards the app's role gets
 * its privileges on every table (lib/db/app-role.ts). Returns the names of the migrations it applied.
 */
export async function migrate(kind: SchemaKind, url: string): Promise<string[]> {
  const log = logger().child({ component: "migrate", kind });
  const applied = await runner({
    databaseUrl: url,
    dir: migrationsDir(kind),
    direction: "up",
    migrationsTable: "pgmigrations",
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: "wait",
    logger: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  });
  if (kind !== "idp") await grantAppRole(kind, url);
  return applied.map((m) => m.name);
}

/** Name of the newest migration file of `kind`, as node-pg-migrate records it (no extension). */
export async function latestMigration(kind: SchemaKind): Promise<string | null> {
  const files = (await fs.readdir(migrationsDir(kind))).filter((f) => f.endsWith(".sql")).sort();
  return files.at(-1)?.replace(/\.sql$/, "") ?? null;
}
