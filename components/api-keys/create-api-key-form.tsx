"use client";

import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/form-feedback";
import { FieldShell, TextField } from "@/components/ui/field";
import { CopySecret } from "@/components/ui/copy-secret";
import type { FormState } from "@/lib/forms/form-state";

export interface ScopeOption {
  scope: string;
  /** False when the signed-in user does not hold it, and so cannot give it to a key. */
  grantable: boolean;
}

/** Scopes grouped by resource (`user:…`, `ou:…`), in the order given. */
function byResource(options: readonly ScopeOption[]): [string, ScopeOption[]][] {
  const groups = new Map<string, ScopeOption[]>();
  for (const option of options) {
    const resource = option.scope.split(":")[0] ?? option.scope;
    groups.set(resource, [...(groups.get(resource) ?? []), option]);
  }
  return [...groups];
}

/** Name, scopes and an optional expiry; on success the secret is shown once, above a fresh form. */
export function CreateApiKeyForm({
  action,
  scopes,
  minExpiry,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  scopes: readonly ScopeOption[];
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
          {(aria) => (
            // eslint-disable-next-line jsx-a11y/role-supports-aria-props -- the checkbox group is the field FieldShell labels; its error state stays on it
            <div id={aria.id} role="group" aria-invalid={aria["aria-invalid"]} aria-describedby={aria["aria-describedby"]} tabIndex={-1} className="grid gap-3 sm:grid-cols-2">
              {byResource(scopes).map(([resource, options]) => (
                <fieldset key={resource} className="grid gap-1">
                  <legend className="text-xs font-semibold uppercase text-slate-500">{resource}</legend>
                  {options.map((option) => (
                    <label key={option.scope} className={`flex items-center gap-2 text-sm ${option.grantable ? "" : "text-slate-400"}`}>
                      <input type="checkbox" name="scopes" value={option.scope} defaultChecked={checked.has(option.scope)} disabled={!option.grantable} />
                      <code className="font-mono text-xs">{option.scope}</code>
                      {option.scope === "scim" ? <span className="text-xs text-slate-500">(SCIM 2.0 provisioning at /scim/v2; grants nothing else)</span> : null}
                    </label>
                  ))}
                </fieldset>
              ))}
            </div>
          )}
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
