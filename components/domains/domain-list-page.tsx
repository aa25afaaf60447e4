import type { TenantAdminView } from "@/lib/auth/tenant-admin";
import { listDomains } from "@/lib/domains/service";
import { addDomainAction, removeDomainAction, verifyDomainAction } from "@/lib/domains/actions";
import type { DomainView } from "@/lib/domains/view";
import { customDomainUrl } from "@/lib/tenants/urls";
import { Badge } from "@/components/ui/badge";
import { AddDomainForm } from "@/components/domains/add-domain-form";
import { RefreshWhilePending, RemoveDomainButton, VerifyDomainButton } from "@/components/domains/domain-actions";

const when = (date: Date | null, none = "—") => (date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : none);

function DomainCard({ domain, target }: { domain: DomainView; target: string | null }) {
  const verified = domain.status === "verified";
  return (
    <li data-testid="domain-row" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h3 className="font-mono text-base font-semibold">{domain.hostname}</h3>
          <span data-testid="domain-status"><Badge tone={verified ? "green" : "amber"}>{verified ? "Verified" : "Pending verification"}</Badge></span>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {verified ? null : <VerifyDomainButton hostname={domain.hostname} action={verifyDomainAction.bind(null, target, domain.hostname)} />}
          <RemoveDomainButton hostname={domain.hostname} action={removeDomainAction.bind(null, target, domain.hostname)} />
        </div>
      </div>
      {verified ? (
        <p className="text-sm text-slate-600">
          Verified {when(domain.verifiedAt)}. People sign in at <a className="text-brand-700 underline" href={customDomainUrl(domain.hostname)}>{customDomainUrl(domain.hostname)}</a>.
        </p>
      ) : (
        <dl className="grid gap-1 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">Last check</dt><dd data-testid="domain-last-check">{when(domain.lastCheckedAt, "not yet")}</dd></div>
          <div><dt className="text-slate-500">Next automatic check</dt><dd>{domain.nextCheckAt ? when(domain.nextCheckAt) : "none — automatic checks stopped; use “Verify now”"}</dd></div>
          <div><dt className="text-slate-500">Checks so far</dt><dd>{domain.checkAttempts}</dd></div>
          {domain.lastError ? <div className="sm:col-span-3"><dt className="text-slate-500">Last result</dt><dd data-testid="domain-error" className="text-red-700">{domain.lastError}</dd></div> : null}
        </dl>
      )}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left text-slate-600">{verified ? "DNS records (keep them in place)" : "Create these DNS records at your DNS provider:"}</caption>
          <thead className="text-xs uppercase text-slate-500"><tr><th className="py-1 pr-4">Type</th><th className="py-1 pr-4">Name</th><th className="py-1 pr-4">Value</th><th className="py-1">Why</th></tr></thead>
          <tbody>
            {domain.records.map((record) => (
              <tr key={record.type} data-testid={`dns-record-${record.type.toLowerCase()}`} className="border-t border-slate-100">
                <td className="py-1 pr-4 font-mono">{record.type}</td>
                <td className="py-1 pr-4 font-mono break-all">{record.name}</td>
                <td className="py-1 pr-4 font-mono break-all" data-testid="dns-record-value">{record.value}</td>
                <td className="py-1 text-slate-600">{record.purpose}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </li>
  );
}

/** A tenant's custom domains: add, DNS records to create, verification state, verify now, remove. The caller checked `settings:update`. */
export async function DomainListPage({ view }: { view: TenantAdminView }) {
  const { tenant, admin } = view;
  const domains = await listDomains(tenant);
  const pending = domains.some((d) => d.status === "pending");
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">Custom domains</h1>
        <p className="text-sm text-slate-600">
          Let people reach {admin.target === null ? "this workspace" : <>“{tenant.displayName}”</>} and sign in on a domain of your own. Add it, create its DNS records, and
          it is checked every minute for the first hour, then hourly for three days. Only a verified domain leads here.
        </p>
      </div>
      {tenant.kind === "dedicated" ? <AddDomainForm action={addDomainAction.bind(null, admin.target)} /> : <p className="text-sm text-slate-600">Custom domains are available to dedicated workspaces only.</p>}
      {domains.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No custom domains yet.</p>
      ) : (
        <ul className="grid gap-4" aria-label="Custom domains">
          {domains.map((domain) => <DomainCard key={domain.hostname} domain={domain} target={admin.target} />)}
        </ul>
      )}
      {pending ? <RefreshWhilePending everyMs={10_000} /> : null}
    </div>
  );
}
