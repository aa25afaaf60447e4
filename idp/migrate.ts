import path from "node:path";
import type pino from "pino";
import { applySqlMigrations } from "@/shared/sql-migrations";

/** The server's SQL migrations, next to its code. */
const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");

/** Applies the pending migrations of idp/migrations/ to the server's database (one transaction, advisory lock). */
export function migrateIdentityDatabase(url: string, log: pino.Logger): Promise<string[]> {
  return applySqlMigrations(url, MIGRATIONS_DIR, log.child({ component: "migrate", kind: "idp" }));
}
