"use client";

import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import type { FormState } from "@/lib/errors/form-state";
import { QUOTA_LABELS, QUOTA_RESOURCES, type QuotaOverrides, type Quotas } from "@/lib/quotas/resources";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Per-tenant overrides of the platform's quota defaults; an empty field means the default. */
export function QuotaForm({ action, overrides, defaults }: { action: Action; overrides: QuotaOverrides; defaults: Quotas }) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="grid gap-3">
      <FormMessage state={state} hideWhenFieldErrors />
      <div className="grid gap-3 sm:grid-cols-2">
        {QUOTA_RESOURCES.map((resource) => (
          <TextField
            key={resource}
            name={resource}
            label={`${QUOTA_LABELS[resource].title} quota`}
            inputMode="numeric"
            defaultValue={state.attempt ? state.values[resource] : (overrides[resource]?.toString() ?? "")}
            placeholder={`default ${defaults[resource]}`}
            error={state.fieldErrors[resource]}
            hint="Empty: the platform default."
            autoComplete="off"
          />
        ))}
      </div>
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Saving…" : "Save quotas"}</Button>
      </div>
    </form>
  );
}
