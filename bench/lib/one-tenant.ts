// One dedicated tenant, onboarded and provisioned as the app does it, with the embedded identity
// server running in this process: the setup the audit benchmarks share.
import { randomBytes } from "node:crypto";
import type { BenchContext } from "./context";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { AuditActor } from "@/lib/audit/actor";

export const BENCH_ACTOR: AuditActor = { actor: "bench/admin", ip: "127.0.0.1", userAgent: "gatehouse-bench" };

export async function provisionBenchTenant(ctx: BenchContext, key: string): Promise<ResolvedTenant> {
  process.env.DATABASE_URL = ctx.controlUrl;
  process.env.GATEHOUSE_SECRET_KEY ??= randomBytes(32).toString("base64");
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_USERNAME = "superadmin";
  process.env.GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD ??= randomBytes(12).toString("base64url");
  delete process.env.KEYCLOAK_URL;

  ctx.progress(`starting the embedded identity server on 127.0.0.1:${ctx.idpPort} (in this process)`);
  const { startEmbeddedIdentity } = await import("@/scripts/embedded-identity");
  const identity = await startEmbeddedIdentity({ clusterUrl: ctx.clusterUrl, port: ctx.idpPort });
  ctx.onCleanup(() => identity.server.close());
  Object.assign(process.env, identity.env);

  const [{ createCustomer }, { ProvisioningController }, { businessCustomer }, { controlDb }] = await Promise.all([
    import("@/lib/customers/service"),
    import("@/lib/provisioning/controller"),
    import("@/tests/support/fixtures"),
    import("@/lib/db/control"),
  ]);
  ctx.progress(`onboarding tenant ${key}`);
  const { tenantId } = await createCustomer(businessCustomer({ tenantKey: key, tenantDisplayName: key, displayName: key }), BENCH_ACTOR);
  const controller = new ProvisioningController();
  ctx.onCleanup(() => controller.stop());
  const select = { id: true, key: true, displayName: true, kind: true, status: true, databaseName: true, databaseUrl: true } as const;
  for (let attempt = 0; attempt < 4; attempt++) {
    await controller.reconcile(tenantId);
    const tenant = await controlDb().tenant.findUniqueOrThrow({ where: { id: tenantId }, select });
    if (tenant.status === "active") return tenant;
    await new Promise((r) => setTimeout(r, 2_000 * (attempt + 1)));
  }
  throw new Error(`tenant ${key} did not become active`);
}
