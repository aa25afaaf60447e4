"use client";

import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import type { FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface OverrideField {
  name: string;
  label: string;
  /** The tenant's own value; null: the platform's. */
  override: number | null;
  /** The platform's value, shown as the empty field's placeholder. */
  platform: number;
}

/** Whole-number overrides of platform settings for one tenant (quotas, rate limits); an empty field means the platform's value. */
export function OverridesForm({ action, fields, hint, submitLabel }: { action: Action; fields: OverrideField[]; hint: string; submitLabel: string }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-3">
      <FormMessage state={state} hideWhenFieldErrors />
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((field) => (
          <TextField
            key={field.name}
            name={field.name}
            label={field.label}
            inputMode="numeric"
            defaultValue={state.attempt ? state.values[field.name] : (field.override?.toString() ?? "")}
            placeholder={`default ${field.platform}`}
            error={state.fieldErrors[field.name]}
            hint={hint}
            autoComplete="off"
          />
        ))}
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
