"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormMessage, useActionForm } from "@/components/ui/form-feedback";
import { useConfirmStep } from "@/components/ui/confirm-step";
import type { FormState } from "@/lib/forms/form-state";

interface Option {
  value: string;
  label: string;
}

export interface StandingChangeFormProps {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  /** Heading, e.g. “Payment standing”. */
  title: string;
  /** The object changed, named in the confirmation, e.g. “Acme Widgets”. */
  objectName: string;
  /** The select: its form name, label, options and the stored value. */
  field: { name: string; label: string; options: readonly Option[]; current: string };
  /** The free text sent along: `note` (optional) or `reason`. */
  text: { name: string; label: string; hint?: string };
  /** Artifact references, one per line (verification only). */
  references?: { current: string };
  /** Said under the confirmation question: what the change does. */
  consequence?: string;
}

/**
 * Changes one status with a note, asking once more in words that name the object and both values
 * before anything is sent. Errors appear next to their fields; on success the page reloads its data.
 */
export function StandingChangeForm({ action, title, objectName, field, text, references, consequence }: StandingChangeFormProps) {
  const { state, formAction, pending, formRef } = useActionForm(action);
  const submitted = state.attempt && !state.ok ? state.values : {};
  const [value, setValue] = useState(submitted[field.name] ?? field.current);
  const step = useConfirmStep();
  const labelOf = (v: string) => field.options.find((o) => o.value === v)?.label ?? v;
  const question =
    value === field.current
      ? `Keep ${field.label.toLowerCase()} of ${objectName} at “${labelOf(value)}” and record the note?`
      : `Change ${field.label.toLowerCase()} of ${objectName} from “${labelOf(field.current)}” to “${labelOf(value)}”?`;
  const e = state.fieldErrors;
  // Several of these forms share a page, with fields of the same name: ids must differ.
  const idOf = (name: string) => `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${name}`;
  return (
    <form
      ref={formRef}
      action={(formData) => {
        step.reset();
        formAction(formData);
      }}
      key={state.attempt ?? 0}
      noValidate
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5"
      aria-label={title}
    >
      <h3 className="text-base font-semibold">{title}</h3>
      <FormMessage state={state} hideWhenFieldErrors />
      <SelectField
        name={field.name}
        fieldId={idOf(field.name)}
        label={field.label}
        options={field.options}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={e[field.name]}
      />
      {references ? (
        <TextAreaField
          name="references"
          fieldId={idOf("references")}
          label="Verification artifact references"
          defaultValue={submitted.references ?? references.current}
          error={e.references}
          hint="One per line, e.g. a document id in your KYC system."
        />
      ) : null}
      <TextAreaField name={text.name} fieldId={idOf(text.name)} label={text.label} defaultValue={submitted[text.name]} error={e[text.name]} hint={text.hint} maxLength={1000} />
      {step.confirming ? (
        <div className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 p-3" role="alertdialog" aria-label={`Confirm: ${title}`}>
          <p className="text-sm font-medium">{question}</p>
          {consequence ? <p className="text-sm text-slate-700">{consequence}</p> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={pending} autoFocus>
              {pending ? "Saving…" : "Confirm"}
            </Button>
            <Button type="button" variant="secondary" onClick={step.cancel} disabled={pending}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button type="button" variant="secondary" autoFocus={step.returnFocus} onClick={step.ask} disabled={pending}>
            {`Change ${title.toLowerCase()}…`}
          </Button>
        </div>
      )}
    </form>
  );
}
