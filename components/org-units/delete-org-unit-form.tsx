"use client";

import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import type { FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Deletes an empty org unit once its identifier has been typed again. */
export function DeleteOrgUnitForm({ action, identifier }: { action: Action; identifier: string }) {
  const { state, formAction, pending, formRef } = useActionForm(action);

  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-3">
      <FormMessage state={state} hideWhenFieldErrors />
      <TextField
        name="confirmIdentifier"
        label={`Type “${identifier}” to confirm`}
        defaultValue={state.attempt ? state.values.confirmIdentifier : ""}
        error={state.fieldErrors.confirmIdentifier}
        autoComplete="off"
        spellCheck={false}
      />
      <div>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Deleting…" : `Delete ${identifier}`}
        </Button>
      </div>
    </form>
  );
}
