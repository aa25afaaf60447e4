"use client";

import { useActionState, useRef } from "react";
import { DonePanel } from "@/components/ui/done-panel";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
import { useFocusFirstInvalid } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** The password, twice; after success a way to sign in, since the link is used up. */
export function ChoosePasswordForm({ username, action }: { username: string; action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(state, formRef);

  if (state.ok) return <DonePanel message={state.message ?? ""} href="/" label="Sign in" />;
  const e = state.fieldErrors;
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid max-w-md gap-4 rounded-lg border border-slate-200 bg-white p-5">
      {state.message ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <NewPasswordFields errors={e} label="New password" />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Set password"}
        </Button>
      </div>
    </form>
  );
}
