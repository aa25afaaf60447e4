import type { Metadata } from "next";
import Link from "next/link";
import { requireSuperadmin } from "@/lib/edge/pages";
import { controlDb } from "@/lib/db/control";
import { linkButtonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Overview" };

export default async function ConsoleHome() {
  await requireSuperadmin();
  const db = controlDb();
  const [customers, tenants, provisioning, failing] = await Promise.all([
    db.customer.count(),
    db.tenant.count(),
    db.tenant.count({ where: { status: "provisioning" } }),
    db.tenant.count({ where: { steps: { some: { status: "failed" } } } }),
  ]);
  const cards = [
    { label: "Customers", value: customers, href: "/customers" },
    { label: "Tenants", value: tenants, href: "/tenants" },
    { label: "Provisioning", value: provisioning, href: "/tenants" },
    { label: "With a failed step", value: failing, href: "/tenants" },
  ];
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Platform overview</h1>
        <Link href="/customers/new" className={linkButtonClass}>
          Onboard customer
        </Link>
      </div>
      <ul className="grid gap-4 sm:grid-cols-4">
        {cards.map((c) => (
          <li key={c.label}>
            <Link href={c.href} className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-500">
              <p className="text-sm text-slate-500">{c.label}</p>
              <p className="mt-1 text-3xl font-semibold">{c.value}</p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
