import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSuperadmin } from "@/lib/edge/pages";
import { tenantWithTrail } from "@/lib/tenants/audit-trail";
import { getAuditEvent } from "@/lib/audit/query";
import { AuditEventDetail } from "@/components/audit/audit-viewer";

export const metadata: Metadata = { title: "Audit event" };

export default async function TenantAuditEventPage({ params }: { params: Promise<{ id: string; eventId: string }> }) {
  await requireSuperadmin();
  const { id, eventId } = await params;
  const found = await tenantWithTrail(id);
  if (!found?.hasTrail) notFound();
  const { tenant } = found;
  const event = await getAuditEvent({ kind: "tenant", tenant }, eventId);
  if (!event) notFound();
  const context = (
    <p className="text-sm text-slate-500">
      <Link href={`/tenants/${tenant.id}`} className="hover:underline">
        {tenant.displayName}
      </Link>{" "}
      /{" "}
      <Link href={`/tenants/${tenant.id}/audit`} className="hover:underline">
        Audit log
      </Link>{" "}
      /
    </p>
  );
  return <AuditEventDetail event={event} context={context} />;
}
