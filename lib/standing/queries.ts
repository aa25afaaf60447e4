import { controlDb } from "@/lib/db/control";

export const HISTORY_PAGE = 50;

/** A customer's standing changes, newest first; `before` is the id to continue after (keyset). */
export async function standingHistory(customerId: string, options: { aspect?: "verification" | "payment"; before?: bigint; limit?: number } = {}) {
  const limit = options.limit ?? HISTORY_PAGE;
  const rows = await controlDb().customerStandingChange.findMany({
    where: { customerId, ...(options.aspect ? { aspect: options.aspect } : {}), ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  // The column's CHECK constraint allows these two only.
  const items = rows.slice(0, limit).map((row) => ({ ...row, id: row.id.toString(), aspect: row.aspect === "payment" ? ("payment" as const) : ("verification" as const) }));
  return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

export type StandingHistoryItem = Awaited<ReturnType<typeof standingHistory>>["items"][number];
