import type { Metadata } from "next";
import { requestTenant } from "@/lib/tenancy/request";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Workspace unavailable" };

const reasons: Record<string, { title: string; body: string }> = {
  provisioning: { title: "is being set up", body: "This workspace is still being provisioned. Try again in a minute." },
  suspended: { title: "is suspended", body: "Access to this workspace is suspended. Its data is kept. Contact your administrator or the platform operator." },
  archived: { title: "is archived", body: "This workspace is archived and no longer accepts sign-ins. Contact the platform operator to restore it." },
  deleted: { title: "has been deleted", body: "This workspace was deleted. Contact the platform operator if this is a mistake." },
};

export default async function WorkspaceUnavailable() {
  const tenant = await requestTenant();
  if (!tenant || tenant.status === "active") notFound();
  const reason = reasons[tenant.status] ?? { title: "is unavailable", body: "Contact the platform operator." };
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-amber-700" data-testid="tenant-status">Workspace {tenant.status}</p>
      <h1 className="mt-2 text-2xl font-semibold">
        {tenant.displayName} {reason.title}
      </h1>
      <p className="mt-3 text-slate-600">{reason.body}</p>
    </main>
  );
}
