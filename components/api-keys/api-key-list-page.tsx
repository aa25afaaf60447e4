import Link from "next/link";
import type { TenantAdminView } from "@/lib/auth/tenant-admin";
import { can } from "@/lib/permissions/permissions";
import { API_KEY_SCOPES, mayGrant } from "@/lib/api-keys/scopes";
import { maskedSecret } from "@/lib/api-keys/secret";
import { apiKeyQuota, listApiKeys } from "@/lib/api-keys/service";
import type { ApiKeyStatus } from "@/lib/api-keys/view";
import { tenantUrl } from "@/lib/tenants/urls";
import { Badge, type Tone } from "@/components/ui/badge";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api-keys/actions";

const STATUS_TONES: Record<ApiKeyStatus, Tone> = { active: "green", expired: "amber", revoked: "red" };

const when = (date: Date | null, none = "—") => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : none);

/** A tenant's API keys: create (secret shown once), list, revoke. The caller has checked `apikey:list`. */
export async function ApiKeyListPage({ view }: { view: TenantAdminView }) {
  const { tenant, principal, admin } = view;
  const keys = await listApiKeys(tenant);
  const mayCreate = can(principal, "apikey:create");
  const mayRevoke = can(principal, "apikey:revoke");
  const active = keys.filter((k) => k.status === "active").length;
  const quota = await apiKeyQuota(tenant);
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-slate-600">
          Machines call the REST API on {admin.target === null ? "this host" : <>the tenant&apos;s host, <span className="font-mono">{tenantUrl(tenant)}</span>,</>} with a key: <code className="font-mono text-xs">Authorization: Bearer ghk_…</code>. See the{" "}
          <Link href="/api-reference" className="text-brand-700 underline">API reference</Link>. {active} of {quota} active keys in use.
        </p>
      </div>
      {mayCreate ? <CreateApiKeyForm action={createApiKeyAction.bind(null, admin.target)} scopes={API_KEY_SCOPES.map((scope) => ({ scope, grantable: mayGrant(principal, scope) }))} minExpiry={tomorrow} /> : null}
      {keys.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">No API keys yet.</div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                {["Name", "Key", "Scopes", "Created", "Expires", "Last used", "Status", ""].map((c, i) => (
                  <th key={i} scope="col" className="px-4 py-2 font-medium">{c}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {keys.map((key) => (
                <tr key={key.id} className="align-top" data-testid="api-key-row">
                  <td className="px-4 py-2 font-medium">{key.name}</td>
                  <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{maskedSecret(key.prefix)}</td>
                  <td className="px-4 py-2">
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {key.scopes.map((scope) => (
                        <code key={scope} className="rounded bg-slate-100 px-1 font-mono text-xs">{scope}</code>
                      ))}
                    </div>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                    {when(key.createdAt)}
                    <div className="text-xs">{key.createdBy}</div>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.expiresAt, "never")}</td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.lastUsedAt, "never")}</td>
                  <td className="px-4 py-2"><Badge tone={STATUS_TONES[key.status]}>{key.status}</Badge></td>
                  <td className="px-4 py-2">{mayRevoke && key.status !== "revoked" ? <RevokeApiKeyButton name={key.name} action={revokeApiKeyAction.bind(null, admin.target, key.id)} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
