"use client";

import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/form-feedback";
import { FieldShell, TextField } from "@/components/ui/field";
import { CopySecret } from "@/components/ui/copy-secret";
import type { FormState } from "@/lib/forms/form-state";
import type { ScopePreset } from "@/lib/permissions/presets";
import { ScopePicker, type ScopeOption } from "@/components/api-keys/scope-picker";

/** Name, scopes and an optional expiry; on success the secret is shown once, above a fresh form. */
export function CreateApiKeyForm({
  action,
  scopes,
  presets,
  minExpiry,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  scopes: readonly ScopeOption[];
  presets: readonly ScopePreset[];
  minExpiry: string;
}) {
  const { state, formAction, pending, formRef } = useActionForm(action);

  const v = state.attempt && !state.ok ? state.values : {};
  const checked = new Set((v.scopes ?? "").split(",").filter(Boolean));
  const e = state.fieldErrors;
  return (
    <div className="grid gap-4">
      {state.ok && state.values.secret ? (
        <div className="grid gap-2">
          <p className="text-sm text-emerald-800">{state.message}</p>
          <CopySecret
            value={state.values.secret}
            testId="api-key-secret"
            notice="Copy the key now: it is shown only this once and cannot be recovered. Send it in the header “Authorization: Bearer …”."
          />
        </div>
      ) : null}
      <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-lg font-semibold">Create an API key</h2>
        {state.message && !state.ok ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
        <TextField name="name" label="Name" required defaultValue={v.name} error={e.name} maxLength={100} hint="What uses it, e.g. “billing sync”." autoComplete="off" />
        <FieldShell name="scopes" label="Scopes" required error={e.scopes} hint="The key can do exactly these. You can only grant what you may do yourself.">
          {(aria) => <ScopePicker options={scopes} presets={presets} initial={checked} aria={aria} />}
        </FieldShell>
        <TextField
          name="expiresAt"
          label="Expires"
          inputMode="numeric"
          placeholder="yyyy-mm-dd"
          pattern="\d{4}-\d{2}-\d{2}"
          defaultValue={v.expiresAt}
          error={e.expiresAt}
          hint={`Optional. The key works through this day (UTC), written yyyy-mm-dd, from ${minExpiry} on; leave empty for no expiry.`}
          className="max-w-xs"
        />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </Button>
        </div>
      </form>
    </div>
  );
}
