"use client";

import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { useFormFeedback } from "@/components/ui/form-feedback";
import { roleOptions } from "@/components/memberships/role-options";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import type { MembershipRole } from "@/lib/memberships/roles";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A membership's role with a save button (not saved on change, so arrow keys can browse the options);
 * `options` for other role sets (an organization's roles).
 */
export function ChangeRoleForm({
  action,
  role,
  label,
  options = roleOptions({ described: false }),
}: {
  action: Action;
  role: MembershipRole | string;
  label: string;
  options?: readonly { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  useFormFeedback(state, formRef);
  const error = state.ok ? undefined : (state.fieldErrors.role ?? state.message);

  return (
    <form ref={formRef} action={formAction} key={state.attempt ?? 0} noValidate className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        name="role"
        defaultValue={state.attempt ? state.values.role : role}
        aria-invalid={Boolean(error)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending} className="px-3 py-1">
        {pending ? "Saving…" : "Save"}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
      {state.ok && state.message ? (
        <span role="status" className="text-sm text-emerald-700">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
