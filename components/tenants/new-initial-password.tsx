"use client";

import { useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopySecret } from "@/components/ui/copy-secret";
import { TextField } from "@/components/ui/field";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/**
 * "Issue a new initial password": after the tenant key is typed in a confirmation dialog, the
 * break-glass admin gets a new one-time password, shown here once.
 */
export function NewInitialPassword({ tenantKey, action }: { tenantKey: string; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [typed, setTyped] = useState("");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const password = state.ok ? state.values.password : undefined;

  if (password) return <CopySecret value={password} notice={state.message ?? ""} testId="initial-password" />;
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setTyped("");
          dialogRef.current?.showModal();
        }}
      >
        Issue a new initial password
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby="new-password-dialog-heading"
        className="m-auto w-full max-w-lg rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="grid gap-4 p-5">
          <h3 id="new-password-dialog-heading" className="text-lg font-semibold">
            Issue a new initial password
          </h3>
          <p className="text-sm text-slate-600">
            The break-glass admin&apos;s current password stops working at once. The new one is shown a single time and must be changed at the first sign-in.
          </p>
          <TextField
            name="confirmKey"
            fieldId="new-initial-password-confirm-key" // the lifecycle dialog on the same page has its own confirmKey
            label={`Type “${tenantKey}” to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            error={state.fieldErrors.confirmKey}
            autoComplete="off"
            spellCheck={false}
          />
          {state.message && !state.ok ? (
            <p role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending || typed.trim() !== tenantKey}>
              {pending ? "Issuing…" : "Issue new password"}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
