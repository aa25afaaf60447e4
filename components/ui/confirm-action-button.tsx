"use client";

import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/form-feedback";
import { useConfirmStep } from "@/components/ui/confirm-step";
import type { FormState } from "@/lib/forms/form-state";

interface ConfirmActionButtonProps {
  action: (state: FormState) => Promise<FormState>;
  /** The first button, e.g. "Revoke". */
  label: string;
  /** Its accessible name, naming the object, e.g. "Revoke build-bot". */
  ariaLabel: string;
  /** The question asked before the action runs, naming the object and what follows. */
  question: string;
  /** The confirming button, e.g. "Revoke key", and its text while the action runs. */
  confirmLabel: string;
  pendingLabel: string;
}

/** A destructive action that asks once more (naming its object) and refreshes the page when done. */
export function ConfirmActionButton({ action, label, ariaLabel, question, confirmLabel, pendingLabel }: ConfirmActionButtonProps) {
  const { state, formAction, pending } = useActionForm(action);
  const step = useConfirmStep();
  if (!step.confirming) {
    return (
      <Button type="button" variant="secondary" autoFocus={step.returnFocus} onClick={step.ask} aria-label={ariaLabel}>
        {label}
      </Button>
    );
  }
  return (
    <form action={formAction} className="grid gap-2" onKeyDown={(event) => event.key === "Escape" && step.cancel()}>
      <p className="text-sm">{question}</p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending} autoFocus>
          {pending ? pendingLabel : confirmLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={step.cancel} disabled={pending}>
          Cancel
        </Button>
      </div>
      {state.message && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
