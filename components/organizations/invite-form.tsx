"use client";

import { useActionState, useRef } from "react";
import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useFormFeedback } from "@/components/ui/form-feedback";
import { InvitationLink } from "@/components/organizations/invitation-link";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { organizationRoleOptions } from "@/lib/organizations/roles";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Invite by email and role; the link is mailed to the address, or appears once to pass on. */
export function InviteForm({ action, title, defaultRole = "member" }: { action: Action; title: string; defaultRole?: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);
  const e = state.fieldErrors;
  const values = state.ok ? {} : state.values;
  return (
    <div className="grid gap-3">
      <form
        ref={formRef}
        action={formAction}
        key={state.attempt ?? 0}
        noValidate
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-[2fr_2fr_auto] sm:items-start"
      >
        <h3 className="text-sm font-semibold sm:col-span-3">{title}</h3>
        <TextField name="email" label="Email" type="email" required error={e.email} defaultValue={values.email} autoComplete="off" />
        <SelectField name="role" label="Role" required error={e.role} defaultValue={values.role ?? defaultRole} options={organizationRoleOptions({ described: true })} />
        <div className="sm:pt-6">
          <Button type="submit" disabled={pending}>
            {pending ? "Inviting…" : "Invite"}
          </Button>
        </div>
      </form>
      <FormMessage state={state} hideWhenFieldErrors />
      {state.ok && state.values.mailOutcome ? <InvitationLink values={state.values} /> : null}
    </div>
  );
}
