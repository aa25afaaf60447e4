import { once } from "node:events";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { AuditEventView } from "@/lib/audit/query";

const COLUMNS = ["id", "occurred_at", "actor", "action", "resource_type", "resource_id", "tenant_id", "ip", "user_agent", "before", "after"] as const;

/**
 * A spreadsheet evaluates a cell starting with = + - @ (or a tab/CR) as a formula; audit rows hold
 * text that outsiders choose (a username typed on the login page), so such cells get a leading '.
 */
export function safeCell(value: string | null): string {
  if (value === null) return "";
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

function record(event: AuditEventView): string[] {
  return [
    event.id,
    event.occurredAt.toISOString(),
    safeCell(event.actor),
    safeCell(event.action),
    safeCell(event.resourceType),
    safeCell(event.resourceId),
    event.tenantId ?? "",
    safeCell(event.ip),
    safeCell(event.userAgent),
    safeCell(json(event.before)),
    safeCell(json(event.after)),
  ];
}

/**
 * Streams the events as CSV (a header row, then one row per event), reading batch after batch
 * only as fast as the client downloads them.
 */
export function auditCsvResponse(batches: AsyncIterable<AuditEventView[]>, filename: string): Response {
  const csv = stringify({ header: true, columns: [...COLUMNS] });
  void (async () => {
    for await (const batch of batches) {
      for (const event of batch) if (!csv.write(record(event))) await once(csv, "drain");
    }
    csv.end();
  })().catch((error: unknown) => csv.destroy(error instanceof Error ? error : new Error(String(error))));
  return new Response(Readable.toWeb(csv) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    },
  });
}
