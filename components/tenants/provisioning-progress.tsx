"use client";

import { Time } from "@/components/ui/time";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { StepStatusBadge, TenantStatusBadge } from "@/components/status";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

export interface StepView {
  step: string;
  title: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  doneAt: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface ProvisioningView {
  id: string;
  status: string;
  /** Set once a deleted tenant's purge has finished. */
  purgedAt: string | null;
  steps: StepView[];
}

const settled = (view: ProvisioningView) => view.steps.every((s) => s.status === "done" || (s.status === "failed" && !s.nextAttemptAt));

/** Every second while steps run; every 5 s for a deleted tenant, whose purge the controller queues when retention ends. */
function pollInterval(view: ProvisioningView | undefined): number | false {
  if (!view || !settled(view) || view.status === "provisioning") return 1000;
  return view.status === "deleted" && !view.purgedAt ? 5000 : false;
}

function duration(step: StepView): string | null {
  if (!step.startedAt || !step.doneAt) return null;
  const ms = new Date(step.doneAt).getTime() - new Date(step.startedAt).getTime();
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

const time = (iso: string | null) => (iso ? <Time value={iso} precision="second" /> : "—");

/** The tenant's provisioning steps, polled every second until nothing more will happen by itself. */
export function ProvisioningProgress({ initial, retryAction, tenantUrl }: { initial: ProvisioningView; retryAction: (state: FormState) => Promise<FormState>; tenantUrl: string }) {
  const queryClient = useQueryClient();
  const queryKey = ["tenant", initial.id, "provisioning"];
  const { data, error } = useQuery({
    queryKey,
    initialData: initial,
    queryFn: async (): Promise<ProvisioningView> => {
      const response = await fetch(`/api/tenants/${initial.id}/provisioning`, { cache: "no-store" });
      if (!response.ok) throw new Error(`Could not load progress (HTTP ${response.status})`);
      return response.json() as Promise<ProvisioningView>;
    },
    refetchInterval: (query) => pollInterval(query.state.data),
  });
  // A lifecycle change re-renders the page with a new status: fetch the steps again for it.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initial.status]);
  const [retryState, retry, retrying] = useActionState(retryAction, initialFormState);
  useEffect(() => {
    if (retryState.attempt) void queryClient.invalidateQueries({ queryKey });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [retryState]);

  // When the tenant turns active, refresh the server-rendered parts of the page (e.g. the admin account).
  const router = useRouter();
  const lastStatus = useRef(initial.status);
  useEffect(() => {
    if (lastStatus.current !== data.status) {
      lastStatus.current = data.status;
      router.refresh();
    }
  }, [data.status, router]);

  const failed = data.steps.some((s) => s.status === "failed");
  const done = data.steps.filter((s) => s.status === "done").length;

  return (
    <section aria-labelledby="provisioning-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h2 id="provisioning-heading" className="text-lg font-semibold">
          Provisioning
        </h2>
        <p aria-live="polite" className="flex items-center gap-2 text-sm" data-testid="tenant-status">
          {done} of {data.steps.length} steps done <TenantStatusBadge status={data.status} />
        </p>
      </div>
      <div
        className="mt-3 h-2 overflow-hidden rounded bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={data.steps.length}
        aria-valuenow={done}
        aria-label="Provisioning progress"
      >
        <div className="h-full bg-emerald-500 transition-all" style={{ width: `${(done / Math.max(1, data.steps.length)) * 100}%` }} />
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error.message}
        </p>
      ) : null}
      <ol className="mt-4 divide-y divide-slate-100">
        {data.steps.map((s) => (
          <li key={s.step} className="py-3" data-step={s.step} data-status={s.status}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-medium">{s.title}</span>
              <StepStatusBadge status={s.status} />
            </div>
            <p className="mt-1 text-xs text-slate-500">
              Started {time(s.startedAt)} · Finished {time(s.doneAt)}
              {duration(s) ? ` · took ${duration(s)}` : ""} · {s.attempts} {s.attempts === 1 ? "attempt" : "attempts"}
              {s.status === "failed" && s.nextAttemptAt ? ` · retrying automatically at ${time(s.nextAttemptAt)}` : ""}
            </p>
            {s.lastError ? (
              <p className="mt-1 rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-800" data-testid="step-error">
                {s.lastError}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {failed ? (
        <form action={retry} className="mt-2 flex items-center gap-3">
          <Button type="submit" disabled={retrying}>
            {retrying ? "Retrying…" : "Retry failed step"}
          </Button>
          {retryState.message ? (
            <span className="text-sm text-slate-600" role="status">
              {retryState.message}
            </span>
          ) : null}
        </form>
      ) : null}
      {data.status === "active" ? (
        <p className="mt-3 text-sm">
          Live at{" "}
          <a href={tenantUrl} className="font-medium text-brand-700 hover:underline" data-testid="tenant-url">
            {tenantUrl}
          </a>
        </p>
      ) : null}
    </section>
  );
}
