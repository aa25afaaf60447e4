import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/db/embedded-postgres";
import { databaseUrl } from "@/lib/db/urls";

export const CONTROL_DATABASE = "gatehouse";

export interface LocalDatabase {
  /** Control-plane database URL, to export as DATABASE_URL. */
  url: string;
  server: RunningPostgres | null;
}

/**
 * DATABASE_URL if set; otherwise an embedded PostgreSQL under `<dataDir>/postgres`
 * (GATEHOUSE_DATA_DIR, default .data), started or reused, with the control database created.
 */
export async function localDatabase(options: { dataDir: string; port: number; log?: (line: string) => void }): Promise<LocalDatabase> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, server: null };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(options.dataDir, "postgres"),
    port: options.port,
    databases: [CONTROL_DATABASE],
    onLog: options.log,
  });
  return { url: databaseUrl(server.clusterUrl, CONTROL_DATABASE), server };
}
