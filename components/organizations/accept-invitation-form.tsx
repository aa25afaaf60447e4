"use client";

import Link from "next/link";
import { useActionState, useRef } from "react";
import { TextField } from "@/components/ui/field";
import { DonePanel } from "@/components/ui/done-panel";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm, useFocusFirstInvalid } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** No account yet: choose a username and a password; afterwards, a way to sign in. */
export function AcceptInvitationForm({ action, email, signInHref, workspace }: { action: Action; email: string; signInHref: string; workspace: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(state, formRef);

  if (state.ok) return <DonePanel message={state.message ?? ""} href="/sign-in?callbackUrl=%2Forgs" label="Sign in" />;
  const e = state.fieldErrors;
  return (
    <>
      <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid max-w-md gap-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">Create your account</h2>
        <FormMessage state={state} hideWhenFieldErrors />
        <p className="text-sm text-slate-600">Your account&apos;s email will be {email}.</p>
        <TextField
          name="username"
          label="Username"
          required
          error={e.username}
          defaultValue={state.values.username}
          autoComplete="username"
          hint="Lowercase letters, digits and . _ @ -"
        />
        <NewPasswordFields errors={e} />
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Joining…" : "Create account and join"}
          </Button>
        </div>
      </form>
      <p className="text-sm text-slate-600">
        Already have an account on {workspace}?{" "}
        <Link href={signInHref} className="text-brand-700 underline">
          Sign in
        </Link>{" "}
        and you come back here to join with it.
      </p>
    </>
  );
}

/** Signed in already: join with this account. */
export function JoinWithAccountForm({ action, username, organization }: { action: Action; username: string; organization: string }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  return (
    <form ref={formRef} action={formAction} className="grid max-w-md gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <FormMessage state={state} />
      <p className="text-sm text-slate-700">
        You are signed in as <span className="font-medium">{username}</span>.
      </p>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Joining…" : `Join ${organization} as ${username}`}
        </Button>
      </div>
      <p className="text-xs text-slate-500">Not you? Sign out first (account menu), then open the link again to create an account.</p>
    </form>
  );
}
