import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/auth/guards";
import { listTenants } from "@/lib/tenants/queries";
import { parseListQuery } from "@/lib/pagination/page";
import { stepLabel, stepTitle } from "@/lib/provisioning/steps";
import { Pagination, SearchForm } from "@/components/ui/pagination";
import { StepStatusBadge, TenantStatusBadge } from "@/components/status";

export const metadata: Metadata = { title: "Tenants" };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const query = parseListQuery(await searchParams);
  const page = await listTenants(query);
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Tenants</h1>
      <SearchForm q={query.q} placeholder="Key or name" label="Search tenants" />
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {query.q ? `No tenant matches “${query.q}”.` : "No tenants yet."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Tenant</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Customer</th>
                <th scope="col" className="px-4 py-2 font-medium">Provisioning</th>
                <th scope="col" className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((t) => (
                <tr key={t.id}>
                  <td className="px-4 py-2">
                    <Link href={`/tenants/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.displayName}</Link>
                    <div className="font-mono text-xs text-slate-500">{t.key}</div>
                  </td>
                  <td className="px-4 py-2"><TenantStatusBadge status={t.status} /></td>
                  <td className="px-4 py-2">
                    <Link href={`/customers/${t.customer.id}`} className="hover:underline">{t.customer.displayName}</Link>
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
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{t.createdAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} basePath="/tenants" q={query.q} noun="tenants" />
    </div>
  );
}
