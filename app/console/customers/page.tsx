import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/auth/guards";
import { listCustomers } from "@/lib/customers/service";
import { parseListQuery } from "@/lib/pagination/page";
import { Pagination, SearchForm } from "@/components/ui/pagination";
import { linkButtonClass } from "@/components/ui/button";
import { PaymentBadge, TenantStatusBadge, VerificationBadge } from "@/components/status";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const query = parseListQuery(await searchParams);
  const page = await listCustomers(query);
  return (
    <div className="grid gap-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Customers</h1>
        <Link href="/customers/new" className={linkButtonClass}>
          Onboard customer
        </Link>
      </div>
      <SearchForm q={query.q} placeholder="Name, PAN or GSTIN" label="Search customers" />
      {page.items.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          {query.q ? `No customer matches “${query.q}”.` : "No customers yet. Onboard the first one."}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Customer</th>
                <th scope="col" className="px-4 py-2 font-medium">Kind</th>
                <th scope="col" className="px-4 py-2 font-medium">Tenancy</th>
                <th scope="col" className="px-4 py-2 font-medium">Verification</th>
                <th scope="col" className="px-4 py-2 font-medium">Payment</th>
                <th scope="col" className="px-4 py-2 font-medium">Tenant</th>
                <th scope="col" className="px-4 py-2 font-medium">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2">
                    <Link href={`/customers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.displayName}
                    </Link>
                    <div className="text-xs text-slate-500">{c.legalName}</div>
                  </td>
                  <td className="px-4 py-2 capitalize">{c.kind}</td>
                  <td className="px-4 py-2 capitalize">{c.isRoot ? "Platform" : c.tenancy}</td>
                  <td className="px-4 py-2"><VerificationBadge status={c.verificationStatus} /></td>
                  <td className="px-4 py-2"><PaymentBadge standing={c.paymentStanding} /></td>
                  <td className="px-4 py-2">
                    {c.tenants.map((t) => (
                      <Link key={t.id} href={`/tenants/${t.id}`} className="mr-2 inline-flex items-center gap-1 hover:underline">
                        <span className="font-mono text-xs">{t.key}</span> <TenantStatusBadge status={t.status} />
                      </Link>
                    ))}
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">{c.createdAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} basePath="/customers" q={query.q} noun="customers" />
    </div>
  );
}
