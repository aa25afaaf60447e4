import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { listTenants } from "@/lib/tenants/queries";
import { parseListQuery } from "@/lib/pagination/page";
import { stepLabel, stepTitle } from "@/lib/provisioning/steps";
import { ListPage } from "@/components/ui/list-page";
import { StepStatusBadge, TenantStatusBadge } from "@/components/status";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const query = parseListQuery(await searchParams);
  const page = await listTenants(query);
  return (
    <ListPage
      title="Tenants"
      search={{ q: query.q, placeholder: "Key or name", label: "Search tenants" }}
      page={page}
      basePath="/tenants"
      noun="tenants"
      empty={query.q ? `No tenant matches “${query.q}”.` : "No tenants yet."}
      columns={["Tenant", "Status", "Customer", "Provisioning", "Created"]}
    >
      {page.items.map((t) => (
        <tr key={t.id}>
          <td className="px-4 py-2">
            <Link href={`/tenants/${t.id}`} className="font-medium text-brand-700 hover:underline">
              {t.displayName}
            </Link>
            <div className="font-mono text-xs text-slate-500">{t.key}</div>
          </td>
          <td className="px-4 py-2">
            <TenantStatusBadge status={t.status} />
          </td>
          <td className="px-4 py-2">
            <Link href={`/customers/${t.customer.id}`} className="hover:underline">
              {t.customer.displayName}
            </Link>
          </td>
          <td className="px-4 py-2">
            <ul className="flex flex-wrap gap-1">
              {t.steps.map((s) => (
                <li key={s.step} title={s.lastError ?? `${stepTitle(s.step)}: ${s.status}`}>
                  <StepStatusBadge status={s.status} step={stepLabel(s.step)} />
                </li>
              ))}
            </ul>
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">
            <Time value={t.createdAt} precision="day" />
          </td>
        </tr>
      ))}
    </ListPage>
  );
}
