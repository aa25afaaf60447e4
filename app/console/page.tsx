import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { customersAtRisk, expiringPlatformKeys, failedProvisioningSteps, recentPlatformActivity, tenantsInRetention } from "@/lib/console-home/attention";
import type { CustomerAtRisk } from "@/lib/console-home/attention";
import { nameKey, resolveAuditNames } from "@/lib/audit/names";
import { linkButtonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { AttentionList, type AttentionItem } from "@/components/console-home/attention-list";

export const metadata: Metadata = { title: "Overview" };

const LOCKOUT_CAUSE: Record<CustomerAtRisk["reason"], string> = { payment: "Payment overdue", verification: "Re-KYC due" };

function standingItem(c: CustomerAtRisk, now: Date): AttentionItem {
  return {
    key: c.customerId,
    href: `/customers/${c.customerId}`,
    title: c.displayName,
    detail: (
      <>
        {LOCKOUT_CAUSE[c.reason]}: {c.locked ? "locked out since " : "access ends on "}
        <Time value={c.at} />
        {c.locked ? null : (
          <>
            {" "}
            (<Time value={c.at} now={now} />)
          </>
        )}
        .
      </>
    ),
  };
}

/** What needs the operator now, each item linking to where it is fixed; the newest platform events below. */
export default async function ConsoleHome() {
  const { tenant: root } = await requireSuperadmin();
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: reading the clock here is the point
  const now = new Date(Date.now());
  const [atRisk, failed, retention, keys, recent] = await Promise.all([
    customersAtRisk(now),
    failedProvisioningSteps(),
    tenantsInRetention(),
    expiringPlatformKeys(root, now),
    recentPlatformActivity(),
  ]);
  const lists = [
    { id: "standing", title: "Customers overdue or due for re-KYC", items: atRisk.map((c) => standingItem(c, now)) },
    {
      id: "failed-steps",
      title: "Failed provisioning steps",
      items: failed.map((s) => ({
        key: `${s.tenantId}:${s.title}`,
        href: `/tenants/${s.tenantId}`,
        title: `${s.tenantName}: ${s.title}`,
        detail: s.error ?? "Failed; retry it on the tenant's page.",
      })),
    },
    {
      id: "retention",
      title: "Deleted tenants in retention",
      items: retention.map((t) => ({
        key: t.tenantId,
        href: `/tenants/${t.tenantId}`,
        title: t.tenantName,
        detail: t.purgeAfter ? (
          <>
            Purged on <Time value={t.purgeAfter} /> unless restored.
          </>
        ) : (
          "Waiting for its purge."
        ),
      })),
    },
    {
      id: "expiring-keys",
      title: "Platform API keys expiring soon",
      items: keys.map((k) => ({
        key: k.id,
        href: "/api-keys",
        title: `${k.name} (${k.prefix})`,
        detail: (
          <>
            Expires <Time value={k.expiresAt} now={now} /> (<Time value={k.expiresAt} />
            ): issue a replacement.
          </>
        ),
      })),
    },
  ];
  const names = await resolveAuditNames({ kind: "platform" }, recent);
  const allWell = lists.every((l) => l.items.length === 0);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Platform overview</h1>
        <Link href="/customers/new" className={linkButtonClass}>
          Onboard customer
        </Link>
      </div>
      {allWell ? (
        <EmptyState>
          All is well: no customer is overdue or due for re-KYC, no provisioning step has failed, no tenant awaits its purge and no platform key is about to expire.
        </EmptyState>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {lists.map((l) => (
            <AttentionList key={l.id} {...l} />
          ))}
        </div>
      )}
      <AttentionList
        id="recent"
        title="Recent activity"
        items={recent.map((e) => ({
          key: e.id,
          href: `/audit/${e.id}`,
          title: e.action,
          detail: (
            <>
              {e.actor} · {e.resourceType} {names.get(nameKey(e.resourceType, e.resourceId)) ?? e.resourceId} · <Time value={e.occurredAt} now={now} />
            </>
          ),
        }))}
      />
      <p className="text-sm">
        <Link href="/audit" className="text-brand-700 underline">
          The whole platform audit log
        </Link>
      </p>
    </div>
  );
}
