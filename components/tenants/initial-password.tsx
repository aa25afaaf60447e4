"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { CopySecret } from "@/components/ui/copy-secret";
import { NewInitialPassword } from "@/components/tenants/new-initial-password";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

interface InitialPasswordProps {
  username: string;
  tenantKey: string;
  revealed: boolean;
  ready: boolean;
  /** A new password is issued only while the tenant is active. */
  active: boolean;
  action: (state: FormState) => Promise<FormState>;
  reissueAction: (state: FormState, formData: FormData) => Promise<FormState>;
}

/**
 * The break-glass admin's initial password: revealed once on request, then gone for good; a new
 * one (again one-time) can be issued after a confirmation. The operator's next step, so the
 * tenant page shows it first.
 */
export function InitialPassword({ username, tenantKey, revealed, ready, active, action, reissueAction }: InitialPasswordProps) {
  const [state, reveal, pending] = useActionState(action, initialFormState);
  const password = state.ok ? state.values.password : undefined;

  return (
    <section aria-labelledby="initial-admin-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="initial-admin-heading" className="text-lg font-semibold">
        Break-glass admin
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Username{" "}
        <code className="rounded bg-slate-100 px-1.5 py-0.5" data-testid="break-glass-username">
          {username}
        </code>
        . This account cannot be deleted, only disabled. Its initial password works once: it must be changed at the first sign-in.
      </p>
      {password ? (
        <div className="mt-4">
          <CopySecret value={password} notice={state.message ?? ""} testId="initial-password" />
        </div>
      ) : revealed ? (
        <div className="mt-3 grid justify-items-start gap-3">
          <p className="text-sm text-slate-600">The initial password was already shown once.</p>
          {active ? <NewInitialPassword tenantKey={tenantKey} action={reissueAction} /> : null}
        </div>
      ) : ready ? (
        <form action={reveal} className="mt-3 flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Revealing…" : "Show initial password once"}
          </Button>
          <span className="text-sm text-slate-500">It is shown a single time and never stored in clear.</span>
        </form>
      ) : (
        <p className="mt-3 text-sm text-slate-600">The account is created when provisioning finishes.</p>
      )}
      {state.message && !state.ok ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </section>
  );
}
