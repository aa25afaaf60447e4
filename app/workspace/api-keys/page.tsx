import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/guards";
import { can } from "@/lib/permissions/permissions";
import { API_KEY_SCOPES, mayGrant } from "@/lib/api-keys/scopes";
import { apiKeyQuota, listApiKeys } from "@/lib/api-keys/service";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/workspace/api-keys/actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const caller = await requirePermission("apikey:list");
  const keys = await listApiKeys(caller.tenant);
  const mayCreate = can(caller.principal, "apikey:create");
  const mayRevoke = can(caller.principal, "apikey:revoke");
  const active = keys.filter((k) => k.status === "active").length;
  const quota = apiKeyQuota();
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600">
          Machines call the REST API on this host with a key: <code className="font-mono text-xs">Authorization: Bearer ghk_…</code>. See the{" "}
          <Link href="/api-reference" className="text-brand-700 underline">API reference</Link>. {active} of {quota} active keys in use.
        </p>
      </div>
      {mayCreate ? <CreateApiKeyForm action={createApiKeyAction} scopes={API_KEY_SCOPES.map((scope) => ({ scope, grantable: mayGrant(caller.principal, scope) }))} minExpiry={tomorrow} /> : null}
      <ApiKeyTable keys={keys} revokeAction={mayRevoke ? (id) => revokeApiKeyAction.bind(null, id) : null} />
    </div>
  );
}
