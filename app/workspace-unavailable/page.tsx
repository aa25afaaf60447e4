import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requestTenant } from "@/lib/access/request";
import { tenantWideDenial } from "@/lib/access/enforce";
import { describeDenial } from "@/lib/access/messages";

export const metadata: Metadata = { title: "Workspace unavailable" };

/** Why a workspace cannot be used right now (lifecycle, billing switch, payment, verification) and whom to contact. */
export default async function WorkspaceUnavailable() {
  const tenant = await requestTenant();
  if (!tenant || tenant.kind === "root") notFound();
  const denial = await tenantWideDenial(tenant);
  if (!denial) notFound();
  const text = describeDenial(denial);
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-amber-700" data-testid="tenant-status" data-reason={denial.code}>
        {text.label}
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        {tenant.displayName} {text.title}
      </h1>
      <p className="mt-3 text-slate-600">{text.body}</p>
      <p className="mt-3 text-slate-600" data-testid="tenant-contact">
        {text.contact}
      </p>
    </main>
  );
}
