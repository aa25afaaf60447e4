"use client";

import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/form-feedback";
import { TextField } from "@/components/ui/field";
import type { FormState } from "@/lib/forms/form-state";

/** One field: the domain. Errors (invalid, the platform's own, claimed elsewhere) appear next to it. */
export function AddDomainForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  const v = state.attempt && !state.ok ? state.values : {};
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-lg font-semibold">Add a domain</h2>
      {state.ok && state.message ? (
        <p role="status" className="text-sm text-emerald-800">
          {state.message}
        </p>
      ) : null}
      {state.message && !state.ok && !state.fieldErrors.hostname ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      <TextField
        name="hostname"
        label="Domain"
        required
        defaultValue={v.hostname}
        error={state.fieldErrors.hostname}
        maxLength={253}
        placeholder="login.example.com"
        hint="A host name of your own, without https:// or a port."
        autoComplete="off"
        spellCheck={false}
        className="max-w-md"
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add domain"}
        </Button>
      </div>
    </form>
  );
}
