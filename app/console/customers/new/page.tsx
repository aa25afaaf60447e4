import type { Metadata } from "next";
import { CustomerForm } from "@/components/customers/customer-form";
import { requireSuperadmin } from "@/lib/edge/pages";
import { publicBase } from "@/lib/config/env";
import { createCustomerAction } from "@/lib/edge/actions/customers";

export const metadata: Metadata = { title: "Onboard a customer" };

export default async function NewCustomerPage() {
  await requireSuperadmin();
  const { baseDomain, port } = publicBase();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Onboard a customer</h1>
        <p className="mt-1 text-sm text-slate-600">The billing entity, its fiscal identity and how it is hosted.</p>
      </div>
      <CustomerForm action={createCustomerAction} mode="create" initial={{}} tenantHostSuffix={`.${baseDomain}${port ? `:${port}` : ""}`} />
    </div>
  );
}
