import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { API_KEY_PRESETS, API_KEY_SCOPE_DESCRIPTIONS, API_KEY_SCOPES, mayGrant } from "@/lib/api-keys/scopes";
import { apiKeyQuota, listApiKeys } from "@/lib/api-keys/service";
import { tenantUrl } from "@/lib/tenancy/urls";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/edge/actions/api-keys";

/** A tenant's API keys: create (secret shown once), list, revoke. The caller has checked `apikey:list`. */
export async function ApiKeyListPage({ view }: { view: TenantAdminView }) {
  const { tenant, principal, admin } = view;
  const keys = await listApiKeys(tenant);
  const mayCreate = can(principal, "apikey:create");
  const mayRevoke = can(principal, "apikey:revoke");
  const active = keys.filter((k) => k.status === "active").length;
  const quota = await apiKeyQuota(tenant);
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: reading the clock here is the point
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600">
          Machines call the REST API on{" "}
          {admin.target === null ? (
            "this host"
          ) : (
            <>
              the tenant&apos;s host, <span className="font-mono">{tenantUrl(tenant)}</span>,
            </>
          )}{" "}
          with a key: <code className="font-mono text-xs">Authorization: Bearer ghk_…</code>. See the{" "}
          <Link href="/api-reference" className="text-brand-700 underline">
            API reference
          </Link>
          . {active} of {quota} active keys in use.
        </p>
      </div>
      {mayCreate ? (
        <CreateApiKeyForm
          action={createApiKeyAction.bind(null, admin.target)}
          scopes={API_KEY_SCOPES.map((scope) => ({ scope, description: API_KEY_SCOPE_DESCRIPTIONS[scope], grantable: mayGrant(principal, scope) }))}
          presets={API_KEY_PRESETS}
          minExpiry={tomorrow}
        />
      ) : null}
      <ApiKeyTable keys={keys} descriptions={API_KEY_SCOPE_DESCRIPTIONS} revokeAction={mayRevoke ? (id) => revokeApiKeyAction.bind(null, admin.target, id) : null} />
    </div>
  );
}
