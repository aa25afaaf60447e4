import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireSuperadmin } from "@/lib/edge/pages";
import { getCustomer } from "@/lib/customers/service";
import { publicBase } from "@/lib/config/env";
import { CustomerForm } from "@/components/customers/customer-form";
import { PaymentBadge, TenantStatusBadge, VerificationBadge } from "@/components/status";
import { CustomerStandingPanel } from "@/components/standing/customer-standing-panel";
import { standingHistory } from "@/lib/standing/queries";
import { ConsoleOrganizationPanel } from "@/components/organizations/console-organization-panel";
import { parseListQuery } from "@/lib/pagination/page";
import { changePaymentStandingAction, changeVerificationAction, setCustomerAccessAction, updateCustomerAction } from "@/lib/edge/actions/customers";

/** "Acme Widgets · Customers": which customer, for the tab and the history. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  await requireSuperadmin();
  const { id } = await params;
  const customer = z.uuid().safeParse(id).success ? await getCustomer(id) : null;
  return { title: customer ? `${customer.displayName} · Customers` : "Customer" };
}

export default async function CustomerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSuperadmin();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const customer = await getCustomer(id);
  if (!customer) notFound();
  const { baseDomain, port } = publicBase();
  const history = customer.isRoot ? [] : (await standingHistory(customer.id)).items;

  const initial: Record<string, string> = {
    kind: customer.kind,
    legalName: customer.legalName,
    displayName: customer.displayName,
    pan: customer.pan ?? "",
    tan: customer.tan ?? "",
    gstin: customer.gstin ?? "",
    addressLine1: customer.addressLine1,
    addressLine2: customer.addressLine2 ?? "",
    city: customer.city,
    state: customer.state,
    postalCode: customer.postalCode,
    country: customer.country,
    contactName: customer.contactName,
    contactEmail: customer.contactEmail,
    contactPhone: customer.contactPhone,
  };

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/customers" className="hover:underline">
              Customers
            </Link>{" "}
            /
          </p>
          <h1 className="text-2xl font-semibold">{customer.displayName}</h1>
          <p className="text-sm text-slate-600">{customer.legalName}</p>
        </div>
        <div className="flex gap-2">
          <VerificationBadge status={customer.verificationStatus} />
          <PaymentBadge standing={customer.paymentStanding} />
        </div>
      </div>

      <section aria-labelledby="tenancy-heading" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="tenancy-heading" className="text-sm font-semibold">
          Tenancy: <span className="capitalize">{customer.isRoot ? "platform" : customer.tenancy}</span>
        </h2>
        <ul className="mt-2 grid gap-1 text-sm">
          {customer.tenants.map((t) => (
            <li key={t.id}>
              <Link href={`/tenants/${t.id}`} className="text-brand-700 hover:underline">
                {t.displayName}
              </Link>{" "}
              <span className="font-mono text-xs text-slate-500">{t.key}</span> <TenantStatusBadge status={t.status} />
            </li>
          ))}
          {customer.sharedTenant ? (
            <li>
              Member of the shared cloud tenant{" "}
              <Link href={`/tenants/${customer.sharedTenant.id}`} className="text-brand-700 hover:underline">
                {customer.sharedTenant.displayName}
              </Link>
            </li>
          ) : null}
        </ul>
      </section>

      {customer.tenancy === "shared" && !customer.isRoot ? (
        <ConsoleOrganizationPanel
          customer={customer}
          query={parseListQuery(await searchParams)}
          basePath={`/customers/${customer.id}`}
          accessAction={setCustomerAccessAction.bind(null, customer.id)}
        />
      ) : null}

      {customer.isRoot ? (
        <p className="rounded-md bg-slate-100 p-4 text-sm text-slate-700">The root customer is the platform operator; it is managed by configuration, not edited here.</p>
      ) : (
        <>
          <CustomerStandingPanel
            customer={{ name: customer.displayName, dedicated: customer.tenancy === "dedicated", ...customer }}
            history={history}
            verificationAction={changeVerificationAction.bind(null, customer.id)}
            paymentAction={changePaymentStandingAction.bind(null, customer.id)}
          />
          <h2 className="text-lg font-semibold">Onboarding record</h2>
          <CustomerForm action={updateCustomerAction.bind(null, customer.id)} mode="edit" initial={initial} tenantHostSuffix={`.${baseDomain}${port ? `:${port}` : ""}`} />
        </>
      )}
    </div>
  );
}
