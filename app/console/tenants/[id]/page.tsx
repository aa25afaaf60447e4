import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireSuperadmin } from "@/lib/edge/pages";
import { getTenant } from "@/lib/tenants/queries";
import { tenantUrl } from "@/lib/tenancy/urls";
import { stepTitle } from "@/lib/provisioning/steps";
import { redactUrl } from "@/lib/db/urls";
import { ProvisioningProgress, type ProvisioningView } from "@/components/tenants/provisioning-progress";
import { DatabaseClusterForm } from "@/components/tenants/database-cluster-form";
import { TenantStatusBadge } from "@/components/status";
import { InitialPassword } from "@/components/tenants/initial-password";
import { initialCredentialState } from "@/lib/tenants/initial-credential";
import { LifecyclePanel, type LifecycleView } from "@/components/tenants/lifecycle-panel";
import { QuotaBars } from "@/components/quotas/quota-bars";
import { QuotaForm } from "@/components/quotas/quota-form";
import { OverridesForm } from "@/components/ui/overrides-form";
import { TENANT_RATE_LIMITS, tenantRateLimitReport } from "@/lib/rate-limits/overrides";
import { defaultPolicies } from "@/lib/rate-limits/policies";
import { ExportButton } from "@/components/export/export-button";
import { allowedActions } from "@/lib/tenants/lifecycle";
import { isPurgeStep } from "@/lib/provisioning/steps";
import { tenantQuotaReport } from "@/lib/quotas/report";
import { defaultQuotas } from "@/lib/quotas/limits";
import { TenantAccessPanel } from "@/components/standing/tenant-access-panel";
import { tenantUpcomingLockout, tenantWideDenial } from "@/lib/access/enforce";
import {
  changeLifecycleAction,
  issueNewInitialPasswordAction,
  retryProvisioningAction,
  revealInitialPasswordAction,
  setBreakglassExemptionAction,
  setDatabaseClusterAction,
  setQuotasAction,
  setRateLimitsAction,
  setTenantAccessAction,
} from "@/lib/edge/actions/tenants";

/** "acme · Tenants": which tenant, for the tab and the history. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  await requireSuperadmin();
  const { id } = await params;
  const tenant = z.uuid().safeParse(id).success ? await getTenant(id) : null;
  return { title: tenant ? `${tenant.key} · Tenants` : "Tenant" };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSuperadmin();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const tenant = await getTenant(id);
  if (!tenant) notFound();

  const progress: ProvisioningView = {
    id: tenant.id,
    status: tenant.status,
    purgedAt: iso(tenant.purgedAt),
    steps: tenant.steps.map((s) => ({
      step: s.step,
      title: stepTitle(s.step),
      status: s.status,
      attempts: s.attempts,
      startedAt: iso(s.startedAt),
      doneAt: iso(s.doneAt),
      lastError: s.lastError,
      nextAttemptAt: iso(s.nextAttemptAt),
    })),
  };
  const databaseCreated = tenant.steps.some((s) => s.step === "database.create" && s.status === "done");
  const adminReady = tenant.steps.some((s) => s.step === "admin.ensure" && s.status === "done");
  const credential = await initialCredentialState(tenant.id);
  const url = tenantUrl(tenant);
  const purgeStarted = tenant.steps.some((s) => isPurgeStep(s.step));
  const lifecycle: LifecycleView = {
    key: tenant.purgedKey ?? tenant.key,
    status: tenant.status,
    reason: tenant.statusReason,
    changedAt: iso(tenant.statusChangedAt),
    purgeAfter: iso(tenant.purgeAfter),
    purgedAt: iso(tenant.purgedAt),
    purgeStarted,
    actions: allowedActions(tenant.kind, tenant.status, purgeStarted),
  };
  const quotas = await tenantQuotaReport(tenant);
  const rateLimits = await tenantRateLimitReport(tenant.id);
  const platformLimits = defaultPolicies();
  const exportable = tenant.status !== "provisioning" && !tenant.purgedAt;
  const denial = tenant.kind === "root" ? null : await tenantWideDenial(tenant);
  const lockout = denial ? null : await tenantUpcomingLockout(tenant);

  return (
    <div className="grid gap-6">
      <div>
        <p className="text-sm text-slate-500">
          <Link href="/tenants" className="hover:underline">
            Tenants
          </Link>{" "}
          /
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{tenant.displayName}</h1>
          <TenantStatusBadge status={tenant.status} />
        </div>
        <p className="font-mono text-sm text-slate-500">{tenant.key}</p>
        <p className="mt-1 text-sm">
          <Link href={`/tenants/${tenant.id}/audit`} className="text-brand-700 underline">
            View the tenant&apos;s audit log
          </Link>
        </p>
      </div>

      {credential ? (
        <InitialPassword
          username={credential.username}
          tenantKey={tenant.key}
          revealed={credential.revealed}
          ready={adminReady}
          active={tenant.status === "active"}
          action={revealInitialPasswordAction.bind(null, tenant.id)}
          reissueAction={issueNewInitialPasswordAction.bind(null, tenant.id)}
        />
      ) : null}

      {tenant.status === "active" && tenant.kind !== "root" ? (
        <nav aria-label="Administer this tenant" className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <span className="text-slate-600">Administer this tenant:</span>
          <Link href={`/tenants/${tenant.id}/users`} className="font-medium text-brand-700 hover:underline">
            Users
          </Link>
          <Link href={`/tenants/${tenant.id}/org-units`} className="font-medium text-brand-700 hover:underline">
            Org units
          </Link>
          <Link href={`/tenants/${tenant.id}/api-keys`} className="font-medium text-brand-700 hover:underline">
            API keys
          </Link>
          {tenant.kind === "dedicated" ? (
            <Link href={`/tenants/${tenant.id}/domains`} className="font-medium text-brand-700 hover:underline">
              Custom domains
            </Link>
          ) : null}
        </nav>
      ) : null}

      <ProvisioningProgress initial={progress} retryAction={retryProvisioningAction.bind(null, tenant.id)} tenantUrl={url} />

      <LifecyclePanel view={lifecycle} action={changeLifecycleAction.bind(null, tenant.id)} platformTenant={tenant.kind !== "dedicated"} />

      <section aria-labelledby="quotas-heading" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="quotas-heading" className="text-lg font-semibold">
          Quotas
        </h2>
        {quotas.rows ? <QuotaBars rows={quotas.rows} /> : <p className="text-sm text-slate-600">Usage is shown once the tenant&apos;s database exists.</p>}
        {tenant.purgedAt ? null : <QuotaForm action={setQuotasAction.bind(null, tenant.id)} overrides={quotas.overrides} defaults={defaultQuotas()} />}
      </section>

      {tenant.purgedAt ? null : (
        <section aria-labelledby="rate-limits-heading" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
          <div>
            <h2 id="rate-limits-heading" className="text-lg font-semibold">
              Rate limits
            </h2>
            <p className="text-sm text-slate-600">
              Requests a minute to this tenant&apos;s REST and SCIM APIs. Now in force: {describeLimit(rateLimits.limits.requestsPerMinute)} for the tenant,{" "}
              {describeLimit(rateLimits.limits.requestsPerMinutePerCaller)} per key or user.
            </p>
          </div>
          <OverridesForm
            action={setRateLimitsAction.bind(null, tenant.id)}
            fields={TENANT_RATE_LIMITS.map((limit) => ({
              name: limit.field,
              label: limit.label,
              override: rateLimits.overrides[limit.field],
              platform: platformLimits[limit.policy].points,
            }))}
            hint="Empty: the platform's limit. 0: no limit."
            submitLabel="Save rate limits"
          />
        </section>
      )}

      {exportable ? (
        <section aria-labelledby="export-heading" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="export-heading" className="text-lg font-semibold">
            Export
          </h2>
          <p className="text-sm text-slate-600">Users, org units, memberships and settings as JSON and CSV in a zip. Recorded in the audit trail.</p>
          <ExportButton href={`/api/v1/tenants/${tenant.key}/export`} />
        </section>
      ) : null}

      {tenant.kind !== "root" ? (
        <TenantAccessPanel
          tenant={{
            name: tenant.displayName,
            kind: tenant.kind,
            accessDisabled: tenant.accessDisabledAt !== null,
            accessDisabledReason: tenant.accessDisabledReason,
            breakglassExempt: tenant.breakglassExempt,
          }}
          denial={denial}
          lockout={lockout}
          accessAction={setTenantAccessAction.bind(null, tenant.id)}
          breakglassAction={setBreakglassExemptionAction.bind(null, tenant.id)}
        />
      ) : null}

      <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-500">Customer</dt>
          <dd>
            <Link href={`/customers/${tenant.customer.id}`} className="text-brand-700 hover:underline">
              {tenant.customer.displayName}
            </Link>
          </dd>
          <dt className="text-slate-500">Kind</dt>
          <dd>{tenant.kind.replace("_", " ")}</dd>
          <dt className="text-slate-500">Address</dt>
          <dd>
            <a href={url} className="text-brand-700 hover:underline">
              {url}
            </a>
          </dd>
          <dt className="text-slate-500">Database</dt>
          <dd className="font-mono">{tenant.databaseName}</dd>
          <dt className="text-slate-500">Cluster</dt>
          <dd className="font-mono">{tenant.databaseUrl ? redactUrl(tenant.databaseUrl) : "Platform default"}</dd>
          <dt className="text-slate-500">Schema version</dt>
          <dd className="font-mono">{tenant.schemaVersion ?? "—"}</dd>
          <dt className="text-slate-500">Created</dt>
          <dd>
            <Time value={tenant.createdAt} precision="second" />
          </dd>
          <dt className="text-slate-500">Activated</dt>
          <dd>{tenant.activatedAt ? <Time value={tenant.activatedAt} precision="second" /> : "—"}</dd>
        </dl>
        {!databaseCreated && tenant.kind === "dedicated" ? (
          <div className="mt-5 border-t border-slate-100 pt-4">
            <DatabaseClusterForm action={setDatabaseClusterAction.bind(null, tenant.id)} current="" />
          </div>
        ) : null}
      </section>
    </div>
  );
}

const describeLimit = (points: number) => (points === 0 ? "no limit" : points.toLocaleString("en"));
