// Saves a tenant's organization name in a separate app process, so a test can check that its own
// process's branding cache hears about it.
import { saveBranding } from "@/lib/branding/service";
import { brandingSettingsSchema } from "@/lib/branding/schema";
import { closeListener } from "@/lib/db/notify";
import { closeTenantDbs } from "@/lib/db/tenant-clients";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { TEST_ACTOR } from "@/tests/support/fixtures";

const [tenantJson, organizationName] = process.argv.slice(2);
if (!tenantJson || !organizationName) throw new Error("usage: branding-child.ts <tenant json> <organization name>");
const tenant = JSON.parse(tenantJson) as ResolvedTenant;
const settings = brandingSettingsSchema.parse({ organizationName, primaryColor: "#0f766e" });
await saveBranding(tenant, { settings }, TEST_ACTOR);
await closeTenantDbs();
await closeListener();
process.exit(0);
