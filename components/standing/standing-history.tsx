import { DataTable, EmptyState } from "@/components/ui/data-table";
import type { StandingHistoryItem } from "@/lib/standing/queries";
import { Time } from "@/components/ui/time";

const when = (date: Date) => <Time value={date} />;

/** Every change of a customer's verification and payment standing, newest first. */
export function StandingHistory({ items }: { items: readonly StandingHistoryItem[] }) {
  if (items.length === 0) return <EmptyState>No changes recorded yet.</EmptyState>;
  return (
    <DataTable columns={["When", "What", "From → to", "Note", "By"]} caption="Standing history">
      {items.map((item) => (
        <tr key={item.id} className="align-top" data-testid="standing-change">
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(item.occurredAt)}</td>
          <td className="px-4 py-2 capitalize">{item.aspect}</td>
          <td className="px-4 py-2 whitespace-nowrap">
            {item.fromStatus ?? "(onboarded)"} → <strong>{item.toStatus}</strong>
          </td>
          <td className="px-4 py-2 text-slate-700">
            {item.note ?? "—"}
            {item.references.length > 0 ? <div className="font-mono text-xs text-slate-500">{item.references.join(", ")}</div> : null}
          </td>
          <td className="px-4 py-2 font-mono text-xs">{item.actor}</td>
        </tr>
      ))}
    </DataTable>
  );
}
