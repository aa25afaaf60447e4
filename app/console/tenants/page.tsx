import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { listTenants, tenantListSpec } from "@/lib/tenants/queries";
import { isFiltered, parseListQuery } from "@/lib/pagination/page";
import { stepLabel, stepTitle } from "@/lib/provisioning/steps";
import { ListPage } from "@/components/ui/list-page";
import { StepStatusBadge, TenantStatusBadge } from "@/components/status";
import { tenantFilterFields } from "@/components/tenants/tenant-list-filters";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const query = parseListQuery(await searchParams, tenantListSpec);
  const page = await listTenants(query);
  return (
    <ListPage
      title="Tenants"
      search={{ placeholder: "Key or name", label: "Search tenants" }}
      filters={tenantFilterFields}
      query={query}
      spec={tenantListSpec}
      page={page}
      basePath="/tenants"
      noun="tenants"
      empty={query.q ? `No tenant matches “${query.q}”.` : isFiltered(query) ? "No tenant matches these filters." : "No tenants yet."}
      columns={[{ label: "Tenant", sort: "name" }, { label: "Status", sort: "status" }, "Customer", "Provisioning", { label: "Created", sort: "created" }]}
    >
      {page.items.map((t) => {
        // Only the steps that need someone: a healthy tenant's row shows none.
        const open = t.steps.filter((s) => s.status !== "done");
        return (
          <tr key={t.id}>
            <td className="px-4 py-2">
              <Link href={`/tenants/${t.id}`} className="font-medium text-brand-700 hover:underline">
                {t.displayName}
              </Link>
              <div className="font-mono text-xs text-slate-500">{t.key}</div>
            </td>
            <td className="px-4 py-2">
              <TenantStatusBadge status={t.status} quiet />
            </td>
            <td className="px-4 py-2">
              <Link href={`/customers/${t.customer.id}`} className="hover:underline">
                {t.customer.displayName}
              </Link>
            </td>
            <td className="px-4 py-2">
              {open.length === 0 ? (
                <span className="text-slate-500">Complete</span>
              ) : (
                <ul className="flex flex-wrap gap-1">
                  {open.map((s) => (
                    <li key={s.step} title={s.lastError ?? `${stepTitle(s.step)}: ${s.status}`}>
                      <StepStatusBadge status={s.status} step={stepLabel(s.step)} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="px-4 py-2 whitespace-nowrap text-slate-600">
              <Time value={t.createdAt} precision="day" />
            </td>
          </tr>
        );
      })}
    </ListPage>
  );
}
