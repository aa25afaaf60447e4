import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { customerListSpec, listCustomers } from "@/lib/customers/service";
import { isFiltered, parseListQuery } from "@/lib/pagination/page";
import { ListPage } from "@/components/ui/list-page";
import { linkButtonClass } from "@/components/ui/button";
import { PaymentBadge, TenantStatusBadge, VerificationBadge } from "@/components/status";
import { customerFilterFields } from "@/components/customers/customer-list-filters";

export const metadata: Metadata = { title: "Customers" };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const query = parseListQuery(await searchParams, customerListSpec);
  const page = await listCustomers(query);
  return (
    <ListPage
      title="Customers"
      action={
        <Link href="/customers/new" className={linkButtonClass}>
          Onboard customer
        </Link>
      }
      search={{ placeholder: "Name, PAN or GSTIN", label: "Search customers" }}
      filters={customerFilterFields}
      query={query}
      spec={customerListSpec}
      page={page}
      basePath="/customers"
      noun="customers"
      empty={query.q ? `No customer matches “${query.q}”.` : isFiltered(query) ? "No customer matches these filters." : "No customers yet. Onboard the first one."}
      columns={[{ label: "Customer", sort: "name" }, "Kind", "Tenancy", "Verification", "Payment", "Tenant", { label: "Created", sort: "created" }]}
    >
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
          <td className="px-4 py-2">
            <VerificationBadge status={c.verificationStatus} quiet />
          </td>
          <td className="px-4 py-2">
            <PaymentBadge standing={c.paymentStanding} quiet />
          </td>
          <td className="px-4 py-2">
            {c.tenants.map((t) => (
              <Link key={t.id} href={`/tenants/${t.id}`} className="mr-2 inline-flex items-center gap-1 hover:underline">
                <span className="font-mono text-xs">{t.key}</span> <TenantStatusBadge status={t.status} quiet />
              </Link>
            ))}
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">
            <Time value={c.createdAt} precision="day" />
          </td>
        </tr>
      ))}
    </ListPage>
  );
}
