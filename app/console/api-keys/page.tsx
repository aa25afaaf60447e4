import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { PLATFORM_SCOPE_DESCRIPTIONS, PLATFORM_SCOPE_PRESETS, PLATFORM_SCOPES } from "@/lib/permissions/platform";
import { apiKeyQuota, listApiKeys } from "@/lib/api-keys/service";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";
import { createPlatformApiKeyAction, revokePlatformApiKeyAction } from "@/lib/edge/actions/api-keys";

export const metadata: Metadata = { title: "Platform API keys" };

export default async function PlatformApiKeysPage() {
  const { tenant } = await requireSuperadmin();
  // The keys live in the console tenant's own database, which the controller creates at first start.
  if (tenant.status !== "active") {
    return <p className="rounded-md bg-slate-100 p-4 text-sm text-slate-700">The console&apos;s database is still being set up. Platform API keys are available in a moment.</p>;
  }
  const keys = await listApiKeys(tenant);
  const active = keys.filter((k) => k.status === "active").length;
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: reading the clock here is the point
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">Platform API keys</h1>
        <p className="text-sm text-slate-600">
          Machines — the billing system, an external KYC/KYB provider — call the console&apos;s API (<code className="font-mono text-xs">/api/v1/customers</code>,{" "}
          <code className="font-mono text-xs">/api/v1/tenants</code>) with a key: <code className="font-mono text-xs">Authorization: Bearer ghk_…</code>. See the{" "}
          <Link href="/api-reference" className="text-brand-700 underline">
            API reference
          </Link>
          . {active} of {await apiKeyQuota(tenant)} active keys in use.
        </p>
      </div>
      <CreateApiKeyForm
        action={createPlatformApiKeyAction}
        scopes={PLATFORM_SCOPES.map((scope) => ({ scope, description: PLATFORM_SCOPE_DESCRIPTIONS[scope], grantable: true }))}
        presets={PLATFORM_SCOPE_PRESETS}
        minExpiry={tomorrow}
      />
      <ApiKeyTable keys={keys} descriptions={PLATFORM_SCOPE_DESCRIPTIONS} revokeAction={(id) => revokePlatformApiKeyAction.bind(null, id)} />
    </div>
  );
}
