import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { listDomains } from "@/lib/domains/service";
import { addDomainAction, removeDomainAction, verifyDomainAction } from "@/lib/edge/actions/domains";
import type { DomainView } from "@/lib/domains/view";
import { customDomainUrl } from "@/lib/tenancy/urls";
import { Badge, type Tone } from "@/components/ui/badge";
import { recheckPolicy } from "@/lib/domains/recheck";
import type { RecheckPolicy } from "@/lib/domains/schedule";
import { AddDomainForm } from "@/components/domains/add-domain-form";
import { RefreshWhilePending, RemoveDomainButton, VerifyDomainButton } from "@/components/domains/domain-actions";
import { CopyButton } from "@/components/ui/copy-button";
import { Time } from "@/components/ui/time";

const when = (date: Date | null, none = "—") => (date ? <Time value={date} precision="second" /> : none);

/** "24 hours", "90 minutes", "2 days" — the re-check settings as an admin reads them. */
function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} days`;
  if (hours >= 1 && Number.isInteger(hours)) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const minutes = Math.round(ms / 60_000);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

const BADGES: Record<DomainView["status"], { tone: Tone; label: string }> = {
  verified: { tone: "green", label: "Verified" },
  pending: { tone: "amber", label: "Pending verification" },
  unverified: { tone: "red", label: "Unverified — not routed" },
};

/** A verified domain: when it was last seen right, and — while its re-checks fail — what happens when. */
function VerifiedState({ domain, policy }: { domain: DomainView; policy: RecheckPolicy }) {
  const url = customDomainUrl(domain.hostname);
  return (
    <div className="grid gap-2 text-sm">
      <p className="text-slate-600">
        Verified {when(domain.verifiedAt)}. People sign in at{" "}
        <a className="text-brand-700 underline" href={url}>
          {url}
        </a>
        .
      </p>
      <dl className="grid gap-1 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Last successful check</dt>
          <dd data-testid="domain-last-success">{when(domain.lastSuccessAt, "—")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Next re-check</dt>
          <dd>{domain.nextCheckAt ? when(domain.nextCheckAt) : "none — re-checks are off"}</dd>
        </div>
      </dl>
      {domain.failingSince ? (
        <div role="alert" data-testid="domain-failing" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
          <p className="font-medium">The TXT record check has been failing since {when(domain.failingSince)}.</p>
          {domain.lastError ? <p data-testid="domain-error">{domain.lastError}</p> : null}
          <p>
            Put the TXT record below back at your DNS provider, then use “Check now”. If it is still missing or wrong after{" "}
            {when(new Date(domain.failingSince.getTime() + policy.graceMs))} (and {policy.failuresBeforeUnverify} checks in a row), the domain loses its verification and stops
            leading to this workspace. DNS lookups that fail outright do not count.
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** A pending or unverified domain: the checks so far and what to create. */
function UnverifiedState({ domain }: { domain: DomainView }) {
  return (
    <div className="grid gap-2 text-sm">
      {domain.status === "unverified" ? (
        <p role="alert" data-testid="domain-lost" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
          This domain lost its verification {when(domain.unverifiedAt)}: its TXT record was missing or wrong since {when(domain.failingSince)}, so it no longer leads to this
          workspace. If the domain is still yours, restore the TXT record below; it is checked automatically, or use “Verify now”. If not, remove it.
        </p>
      ) : null}
      <dl className="grid gap-1 sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Last check</dt>
          <dd data-testid="domain-last-check">{when(domain.lastCheckedAt, "not yet")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Next automatic check</dt>
          <dd>{domain.nextCheckAt ? when(domain.nextCheckAt) : "none — automatic checks stopped; use “Verify now”"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Checks so far</dt>
          <dd>{domain.checkAttempts}</dd>
        </div>
        {domain.lastSuccessAt ? (
          <div>
            <dt className="text-slate-500">Last successful check</dt>
            <dd>{when(domain.lastSuccessAt)}</dd>
          </div>
        ) : null}
        {domain.lastError ? (
          <div className="sm:col-span-3">
            <dt className="text-slate-500">Last result</dt>
            <dd data-testid="domain-error" className="text-red-700">
              {domain.lastError}
            </dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/** A DNS record field as it must be typed: monospace, never broken inside (its table scrolls instead), with a copy button. */
function DnsValue({ value, what, testId }: { value: string; what: string; testId?: string }) {
  return (
    <span className="flex items-center gap-1">
      <code className="rounded bg-slate-50 px-1.5 py-0.5 font-mono whitespace-nowrap" data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} what={what} />
    </span>
  );
}

function DomainCard({ domain, target, policy }: { domain: DomainView; target: string | null; policy: RecheckPolicy }) {
  const verified = domain.status === "verified";
  const badge = verified && domain.failingSince ? { tone: "red" as const, label: "Verified — check failing" } : BADGES[domain.status];
  return (
    <li data-testid="domain-row" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h3 className="font-mono text-base font-semibold">{domain.hostname}</h3>
          <span data-testid="domain-status">
            <Badge tone={badge.tone}>{badge.label}</Badge>
          </span>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <VerifyDomainButton hostname={domain.hostname} label={verified ? "Check now" : "Verify now"} action={verifyDomainAction.bind(null, target, domain.hostname)} />
          <RemoveDomainButton hostname={domain.hostname} action={removeDomainAction.bind(null, target, domain.hostname)} />
        </div>
      </div>
      {verified ? <VerifiedState domain={domain} policy={policy} /> : <UnverifiedState domain={domain} />}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`DNS records for ${domain.hostname}`}>
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left text-slate-600">{verified ? "DNS records (keep them in place)" : "Create these DNS records at your DNS provider:"}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 pr-4">Type</th>
              <th className="py-1 pr-4">Name</th>
              <th className="py-1 pr-4">Value</th>
              <th className="py-1">Why</th>
            </tr>
          </thead>
          <tbody>
            {domain.records.map((record) => (
              <tr key={record.type} data-testid={`dns-record-${record.type.toLowerCase()}`} className="border-t border-slate-100">
                <td className="py-1 pr-4">
                  <DnsValue value={record.type} what={`${record.type} record type`} />
                </td>
                <td className="py-1 pr-4">
                  <DnsValue value={record.name} what={`${record.type} record name`} />
                </td>
                <td className="py-1 pr-4">
                  <DnsValue value={record.value} what={`${record.type} record value`} testId="dns-record-value" />
                </td>
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
  const pending = domains.some((d) => d.status !== "verified");
  const policy = recheckPolicy();
  return (
    <div className="grid gap-6">
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold">Custom domains</h1>
        <p className="text-sm text-slate-600">
          Let people reach {admin.target === null ? "this workspace" : <>“{tenant.displayName}”</>} and sign in on a domain of your own. Add it, create its DNS records, and it is
          checked every minute for the first hour, then hourly for three days. Only a verified domain leads here; verified domains are checked again{" "}
          {policy.intervalMs > 0
            ? `about every ${formatDuration(policy.intervalMs)}, and one whose TXT record stays missing for ${formatDuration(policy.graceMs)} loses its verification`
            : "never (re-checks are off)"}
          .
        </p>
      </div>
      {tenant.kind === "dedicated" ? (
        <AddDomainForm action={addDomainAction.bind(null, admin.target)} />
      ) : (
        <p className="text-sm text-slate-600">Custom domains are available to dedicated workspaces only.</p>
      )}
      {domains.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">No custom domains yet.</p>
      ) : (
        <ul className="grid gap-4" aria-label="Custom domains">
          {domains.map((domain) => (
            <DomainCard key={domain.hostname} domain={domain} target={admin.target} policy={policy} />
          ))}
        </ul>
      )}
      {pending ? <RefreshWhilePending everyMs={10_000} /> : null}
    </div>
  );
}
