import { runner } from "node-pg-migrate";

/** Where a migration run's warnings and errors go (a pino logger fits). */
export interface MigrationLog {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Applies the pending SQL migrations in `dir` to the database at `url`, in one transaction.
 * node-pg-migrate holds an advisory lock while it runs, so two processes starting together wait
 * for each other instead of racing. Returns the names of the migrations it applied.
 */
export async function applySqlMigrations(url: string, dir: string, log: MigrationLog): Promise<string[]> {
  const applied = await runner({
    databaseUrl: url,
    dir,
    direction: "up",
    migrationsTable: "pgmigrations",
    singleTransaction: true,
    checkOrder: true,
    advisoryLockMode: "wait",
    logger: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  });
  return applied.map((m) => m.name);
}
