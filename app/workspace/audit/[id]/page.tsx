import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { getAuditEvent } from "@/lib/audit/query";
import { AuditEventDetail } from "@/components/audit/audit-viewer";

export const metadata: Metadata = { title: "Event · Audit log" };

export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { tenant } = await requireTenantAdminPage({ on: "workspace" }, "audit:read");
  const event = await getAuditEvent({ kind: "tenant", tenant }, (await params).id);
  if (!event) notFound();
  return (
    <AuditEventDetail
      event={event}
      context={
        <p className="text-sm text-slate-500">
          <Link href="/audit" className="hover:underline">
            Audit log
          </Link>{" "}
          /
        </p>
      }
    />
  );
}
