import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded-postgres";
import { databaseUrl } from "@/lib/db/urls";
import { readSection } from "@/lib/config/env";

export const CONTROL_DATABASE = "gatehouse";

export interface LocalDatabase {
  /** Control-plane database URL of the owner, to export as DATABASE_URL. */
  url: string;
  /** The same for the app's role, to export as GATEHOUSE_APP_DATABASE_URL (null: not configured). */
  appUrl: string | null;
  server: RunningPostgres | null;
}

/**
 * DATABASE_URL (and GATEHOUSE_APP_DATABASE_URL) if set; otherwise an embedded PostgreSQL under
 * `<dataDir>/postgres` (GATEHOUSE_DATA_DIR, default .data), started or reused, with the control
 * database and the app's role created.
 */
export async function localDatabase(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<LocalDatabase> {
  // Read here, not through the cached env(): the launcher exports what it decides for the app it starts.
  const { DATABASE_URL: configured, GATEHOUSE_APP_DATABASE_URL: appUrl } = readSection("app");
  if (configured) return { url: configured, appUrl: appUrl ?? null, server: null };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, "postgres"),
    port: options.port,
    databases: [CONTROL_DATABASE],
    onLog: options.log,
  });
  return { url: databaseUrl(server.clusterUrl, CONTROL_DATABASE), appUrl: databaseUrl(server.appClusterUrl, CONTROL_DATABASE), server };
}
