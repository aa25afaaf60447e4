"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { GuardedButton } from "@/components/ui/guarded-button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useFormFeedback } from "@/components/ui/form-feedback";
import { TenantStatusBadge } from "@/components/status";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import type { LifecycleAction } from "@/lib/tenants/lifecycle";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const COPY: Record<LifecycleAction, { label: string; effect: string; danger: boolean }> = {
  suspend: { label: "Suspend", effect: "Nobody can sign in or use the API until it is resumed. Its data is kept.", danger: true },
  resume: { label: "Resume", effect: "Its people can sign in and use the API again.", danger: false },
  archive: { label: "Archive", effect: "No access; its data is kept read-only for compliance (you can still view and export it). It can be restored.", danger: true },
  delete: {
    label: "Delete",
    effect: "Its realm is disabled at once. Its database and realm are purged when the retention period ends; until then it can be restored.",
    danger: true,
  },
  restore: { label: "Restore", effect: "It returns to the state it had before (an archived tenant becomes active).", danger: false },
};

export interface LifecycleView {
  key: string;
  status: string;
  reason: string | null;
  changedAt: string | null;
  purgeAfter: string | null;
  purgedAt: string | null;
  purgeStarted: boolean;
  actions: LifecycleAction[];
}

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** The tenant's lifecycle state and the changes a superadmin may make, each behind a confirmation dialog. */
export function LifecyclePanel({ view, action, platformTenant }: { view: LifecycleView; action: Action; platformTenant: boolean }) {
  const [chosen, setChosen] = useState<LifecycleAction | null>(null);
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [typed, setTyped] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a success closes the dialog
    if (state.ok) setChosen(null);
  }, [state]);

  function open(next: LifecycleAction) {
    setChosen(next);
    setTyped("");
  }

  const copy = chosen ? COPY[chosen] : null;
  return (
    <section aria-labelledby="lifecycle-heading" className="rounded-lg border border-slate-200 bg-white p-5" data-testid="lifecycle">
      <h2 id="lifecycle-heading" className="text-lg font-semibold">
        Lifecycle
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-500">State</dt>
        <dd data-testid="lifecycle-state">
          <TenantStatusBadge status={view.purgedAt ? "purged" : view.status} />
        </dd>
        {view.reason ? (
          <>
            <dt className="text-slate-500">Reason</dt>
            <dd>
              {view.reason}
              {view.changedAt ? <span className="text-slate-500"> · {utc(view.changedAt)}</span> : null}
            </dd>
          </>
        ) : null}
        {view.status === "deleted" && view.purgeAfter && !view.purgedAt ? (
          <>
            <dt className="text-slate-500">Restorable until</dt>
            <dd data-testid="purge-after">
              {utc(view.purgeAfter)}
              {view.purgeStarted ? " — retention over, purge in progress (see the steps above)" : ""}
            </dd>
          </>
        ) : null}
        {view.purgedAt ? (
          <>
            <dt className="text-slate-500">Purged</dt>
            <dd>{utc(view.purgedAt)} — database and realm removed; the key can be used again.</dd>
          </>
        ) : null}
      </dl>
      {!state.attempt || state.ok ? (
        <div className="mt-3">
          <FormMessage state={state} />
        </div>
      ) : null}
      {platformTenant ? (
        <p className="mt-3 text-sm text-slate-600">The platform depends on this tenant: it cannot be suspended, archived or deleted.</p>
      ) : view.actions.length > 0 ? (
        <div className="mt-4 flex flex-wrap gap-2">
          {view.actions.map((a) => (
            <Button key={a} type="button" variant={COPY[a].danger ? "danger" : "secondary"} onClick={() => open(a)}>
              {COPY[a].label}…
            </Button>
          ))}
        </div>
      ) : null}

      <Dialog open={chosen !== null} onClose={() => setChosen(null)} labelledBy="lifecycle-dialog-heading">
        {chosen && copy ? (
          <form ref={formRef} action={formAction} key={`${chosen}-${state.attempt ?? 0}`} noValidate className="grid gap-4 p-6">
            <h3 id="lifecycle-dialog-heading" className="text-lg font-semibold">
              {copy.label} the tenant <span className="font-mono">{view.key}</span>?
            </h3>
            <p className="text-sm text-slate-600">{copy.effect}</p>
            {state.ok ? null : <FormMessage state={state} hideWhenFieldErrors />}
            <input type="hidden" name="action" value={chosen} />
            <TextAreaField
              name="reason"
              label="Reason"
              required
              defaultValue={state.attempt ? state.values.reason : ""}
              error={state.fieldErrors.reason}
              hint="Recorded in the audit trail with your name."
            />
            <TextField
              name="confirmKey"
              label={`Type “${view.key}” to confirm`}
              required
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              error={state.fieldErrors.confirmKey}
              autoComplete="off"
              spellCheck={false}
            />
            <div className="flex items-start justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setChosen(null)}>
                Cancel
              </Button>
              <GuardedButton
                id="lifecycle-confirm"
                type="submit"
                variant={copy.danger ? "danger" : "primary"}
                disabled={pending}
                blockedBy={typed.trim() === view.key ? null : `Type “${view.key}” to confirm`}
              >
                {pending ? "Working…" : `${copy.label} ${view.key}`}
              </GuardedButton>
            </div>
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
