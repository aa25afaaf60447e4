"use client";

import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import { roleOptions } from "@/components/memberships/role-options";
import type { FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Who or where to add: the username (on an org unit's page) or the org unit (on a user's page). */
export interface MembershipSubject {
  name: "username" | "orgUnit";
  label: string;
  hint?: string;
}

/** Adds a membership with a role; after a success the form is empty again for the next one. */
export function AddMembershipForm({ action, subject, title }: { action: Action; subject: MembershipSubject; title: string }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  const values = state.ok ? {} : state.values;

  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate aria-label={title} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold">{title}</h3>
      <FormMessage state={state} hideWhenFieldErrors />
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
        <TextField
          name={subject.name}
          label={subject.label}
          hint={subject.hint}
          required
          defaultValue={values[subject.name]}
          error={state.fieldErrors[subject.name]}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField name="role" label="Role" defaultValue={values.role ?? "default"} options={roleOptions({ described: true })} error={state.fieldErrors.role} />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? "Adding…" : "Add"}
        </Button>
      </div>
    </form>
  );
}
