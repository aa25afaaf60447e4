"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/errors/form-state";

/** The password, twice; after success a way to sign in, since the link is used up. */
export function ChoosePasswordForm({ username, action }: { username: string; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);

  if (state.ok) {
    return (
      <div className="grid gap-4 rounded-lg border border-emerald-200 bg-white p-5">
        <p role="status" className="text-emerald-800">{state.message}</p>
        <Link href="/" className="font-medium text-brand-700 underline">Sign in</Link>
      </div>
    );
  }
  const e = state.fieldErrors;
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid max-w-md gap-4 rounded-lg border border-slate-200 bg-white p-5">
      {state.message ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <TextField name="password" label="New password" type="password" required error={e.password} autoComplete="new-password" hint="At least 10 characters." />
      <TextField name="confirm" label="Repeat the password" type="password" required error={e.confirm} autoComplete="new-password" />
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Set password"}</Button>
      </div>
    </form>
  );
}
