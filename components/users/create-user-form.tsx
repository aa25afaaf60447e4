"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { OneTimePassword } from "@/components/users/one-time-password";
import { tenantRoleOptions } from "@/components/users/tenant-role-options";
import { SetPasswordLink } from "@/components/users/set-password-link";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { PASSWORD_HINT } from "@/shared/password-policy";

/** `usersPath`: where this tenant's user pages live (`/users` on its host, under the tenant on the console). */
export function CreateUserForm({ action, usersPath }: { action: (state: FormState, formData: FormData) => Promise<FormState>; usersPath: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [mode, setMode] = useState("generate");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.redirectTo) router.push(state.redirectTo);
    else formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state, router]);

  if (state.ok && (state.values.oneTimePassword || state.values.mailOutcome)) {
    return (
      <div className="grid gap-4">
        <p role="status" className="text-emerald-800">
          {state.message}
        </p>
        {state.values.oneTimePassword ? <OneTimePassword value={state.values.oneTimePassword} /> : null}
        {state.values.mailOutcome ? <SetPasswordLink values={state.values} /> : null}
        <Link href={`${usersPath}/${encodeURIComponent(state.values.username ?? "")}`} className="text-brand-700 underline">
          Go to the user
        </Link>
      </div>
    );
  }
  const v = state.attempt ? state.values : {};
  const e = state.fieldErrors;
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid max-w-xl gap-4 rounded-lg border border-slate-200 bg-white p-5">
      {state.message && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      <TextField
        name="username"
        label="Username"
        required
        defaultValue={v.username}
        error={e.username}
        autoComplete="off"
        spellCheck={false}
        hint="Lowercase letters, digits and . _ @ -"
      />
      <TextField name="email" label="Email" type="email" defaultValue={v.email} error={e.email} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="firstName" label="First name" defaultValue={v.firstName} error={e.firstName} />
        <TextField name="lastName" label="Last name" defaultValue={v.lastName} error={e.lastName} />
      </div>
      <SelectField name="tenantRole" label="Role in this workspace" defaultValue={v.tenantRole ?? "member"} options={tenantRoleOptions} error={e.tenantRole} />
      <fieldset className="grid gap-2">
        <legend className="text-sm font-medium">Initial password</legend>
        {[
          ["generate", "Generate a one-time password (the user sets their own at first sign-in)"],
          ["link", "Give the user a set-password link (they choose their own; valid 72 hours)"],
          ["set", "Set the password now"],
          ["none", "No password yet (set one later with Reset password)"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="passwordMode" value={value} checked={mode === value} onChange={() => setMode(value!)} /> {label}
          </label>
        ))}
      </fieldset>
      {mode === "set" ? <TextField name="password" label="Password" type="password" required error={e.password} autoComplete="new-password" hint={PASSWORD_HINT} /> : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
