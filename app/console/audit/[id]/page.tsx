import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireSuperadmin } from "@/lib/edge/pages";
import { getAuditEvent } from "@/lib/audit/query";
import { AuditEventDetail } from "@/components/audit/audit-viewer";

export const metadata: Metadata = { title: "Audit event" };

export default async function PlatformAuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSuperadmin();
  const event = await getAuditEvent({ kind: "platform" }, (await params).id);
  if (!event) notFound();
  return (
    <AuditEventDetail
      event={event}
      context={
        <p className="text-sm text-slate-500">
          <Link href="/audit" className="hover:underline">
            Platform audit log
          </Link>{" "}
          /
        </p>
      }
    />
  );
}
