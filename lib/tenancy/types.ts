import type { TenantKind, TenantStatus } from "@/lib/db/generated/control/enums";

/** The tenant a request belongs to, as far as routing needs to know it. */
export interface ResolvedTenant {
  id: string;
  key: string;
  displayName: string;
  kind: TenantKind;
  status: TenantStatus;
  databaseName: string;
  databaseUrl: string | null;
}

export type Resolution = { found: true; via: "console" | "cloud" | "subdomain" | "custom"; tenant: ResolvedTenant } | { found: false; host: string | null; reason: string };
