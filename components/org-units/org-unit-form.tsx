"use client";

import { TextAreaField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import type { FormState } from "@/lib/forms/form-state";
import { MAX_METADATA_ENTRIES, MAX_METADATA_VALUE_LENGTH } from "@/lib/org-units/metadata";
import { MAX_ORG_UNIT_DESCRIPTION, MAX_ORG_UNIT_NAME } from "@/lib/org-units/schema";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Creates an org unit (`mode="create"`, with its identifier) or edits one (name, description,
 * metadata; the identifier never changes). The server validates; messages appear next to fields.
 */
export function OrgUnitForm({ action, mode, initial }: { action: Action; mode: "create" | "edit"; initial: Record<string, string> }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  const values = state.attempt ? state.values : initial;
  const errors = state.fieldErrors;

  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5">
      <FormMessage state={state} hideWhenFieldErrors />
      {mode === "create" ? (
        <TextField
          name="identifier"
          label="Identifier"
          required
          defaultValue={values.identifier}
          error={errors.identifier}
          hint="Unique in this workspace and cannot change later: lowercase letters, digits, “-” and “_” (at most 63)."
          autoComplete="off"
          spellCheck={false}
          maxLength={63}
          autoFocus
        />
      ) : null}
      <TextField name="name" label="Name" required defaultValue={values.name} error={errors.name} maxLength={MAX_ORG_UNIT_NAME} autoComplete="off" />
      <TextAreaField name="description" label="Description" defaultValue={values.description} error={errors.description} maxLength={MAX_ORG_UNIT_DESCRIPTION} />
      <TextAreaField
        name="metadata"
        label="Metadata"
        defaultValue={values.metadata}
        error={errors.metadata}
        rows={5}
        spellCheck={false}
        placeholder={"region=west\ncost-centre=4200"}
        hint={`One key=value per line, at most ${MAX_METADATA_ENTRIES}. Keys start with a letter and use letters, digits, “_”, “.”, “-”; values up to ${MAX_METADATA_VALUE_LENGTH} characters.`}
      />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create org unit" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
