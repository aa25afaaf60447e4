import type { QuotaUsage } from "@/lib/quotas/enforce";

function tone(used: number, limit: number): string {
  if (limit === 0 || used >= limit) return "bg-red-600";
  if (used / limit >= 0.8) return "bg-amber-500";
  return "bg-brand-600";
}

/** Usage against quota, one bar per resource. */
export function QuotaBars({ rows }: { rows: QuotaUsage[] }) {
  return (
    <ul className="grid gap-3" data-testid="quota-bars">
      {rows.map((row) => {
        const percent = row.limit === 0 ? 100 : Math.min(100, Math.round((row.used / row.limit) * 100));
        return (
          <li key={row.resource} className="grid gap-1" data-testid={`quota-${row.resource}`}>
            <div className="flex justify-between text-sm">
              <span id={`quota-label-${row.resource}`} className="font-medium">
                {row.title}
              </span>
              <span className="text-slate-600">
                {row.used.toLocaleString("en")} of {row.limit.toLocaleString("en")}
                {row.overridden ? " (override)" : ""}
              </span>
            </div>
            <div
              role="meter"
              aria-labelledby={`quota-label-${row.resource}`}
              aria-valuemin={0}
              aria-valuemax={row.limit}
              aria-valuenow={Math.min(row.used, row.limit)}
              aria-valuetext={`${row.used} of ${row.limit}`}
              className="h-2 overflow-hidden rounded-full bg-slate-100"
            >
              <div className={`h-full ${tone(row.used, row.limit)}`} style={{ width: `${percent}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
