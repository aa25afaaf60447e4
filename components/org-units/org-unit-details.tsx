import type { OrgUnitDetail } from "@/lib/org-units/service";
import { Time } from "@/components/ui/time";

const day = (d: Date) => <Time value={d} precision="day" />;

/** An org unit's description, metadata and dates, read-only. */
export function OrgUnitDetails({ orgUnit }: { orgUnit: OrgUnitDetail }) {
  const metadata = Object.entries(orgUnit.metadata);
  return (
    <section aria-labelledby="details-heading" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="details-heading" className="sr-only">
        Details
      </h2>
      <p className="text-sm text-slate-700">{orgUnit.description ?? <span className="text-slate-500">No description.</span>}</p>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="text-slate-500">Members</dt>
        <dd className="tabular-nums">{orgUnit.memberCount}</dd>
        <dt className="text-slate-500">Created</dt>
        <dd>{day(orgUnit.createdAt)}</dd>
        <dt className="text-slate-500">Updated</dt>
        <dd>{day(orgUnit.updatedAt)}</dd>
      </dl>
      <div>
        <h3 className="text-sm font-semibold">Metadata</h3>
        {metadata.length === 0 ? (
          <p className="text-sm text-slate-500">No metadata.</p>
        ) : (
          <dl className="mt-1 grid gap-x-6 gap-y-1 font-mono text-xs sm:grid-cols-[minmax(8rem,auto)_1fr]">
            {metadata.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="text-slate-500">{key}</dt>
                <dd className="break-all">{value}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </section>
  );
}
