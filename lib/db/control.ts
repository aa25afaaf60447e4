import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/db/generated/control/client";
import { appDatabaseUrl } from "@/lib/db/app-role";
import { processSingleton } from "@/lib/db/global-singleton";

export type ControlDb = PrismaClient;

/** The control-plane database client (customers, tenants, domains, provisioning, platform audit). */
export function controlDb(): ControlDb {
  return processSingleton("control-db", () => {
    const adapter = new PrismaPg({ connectionString: appDatabaseUrl(), max: 10 });
    return new PrismaClient({ adapter });
  });
}
