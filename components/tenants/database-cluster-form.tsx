"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/** Where the tenant's database will be created; editable until the database exists. */
export function DatabaseClusterForm({ action, current }: { action: (state: FormState, formData: FormData) => Promise<FormState>; current: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} key={state.attempt ?? 0} className="grid gap-3" noValidate>
      <TextField
        name="databaseUrl"
        label="Dedicated cluster URL"
        defaultValue={state.attempt ? state.values.databaseUrl : current}
        error={state.fieldErrors.databaseUrl}
        placeholder="postgresql://user:password@db.internal:5432/postgres"
        hint="Empty means the platform's default cluster."
        autoComplete="off"
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Save cluster
        </Button>
        {state.message ? (
          <span role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>
            {state.message}
          </span>
        ) : null}
      </div>
    </form>
  );
}
