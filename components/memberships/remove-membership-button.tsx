"use client";

import { useActionState, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useFormFeedback } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * "Remove", then an explicit confirmation naming what is removed; Cancel (or Escape) backs out.
 * `verb` renames the buttons for other destructive actions (e.g. withdrawing an invitation).
 */
export function RemoveMembershipButton({
  action,
  description,
  verb = { label: "Remove", confirm: "Confirm removal", pending: "Removing…" },
}: {
  action: Action;
  description: string;
  verb?: { label: string; confirm: string; pending: string };
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  // Focus follows the dialogue: onto the confirmation, and back onto "Remove" after a cancel.
  const [phase, setPhase] = useState<"idle" | "confirming" | "cancelled">("idle");
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);
  const error =
    !state.ok && state.message ? (
      <span role="alert" className="text-sm text-red-700">
        {state.message}
      </span>
    ) : null;

  if (phase !== "confirming") {
    return (
      <div className="flex items-center gap-2">
        <Button type="button" variant="secondary" className="px-3 py-1" autoFocus={phase === "cancelled"} onClick={() => setPhase("confirming")}>
          {verb.label}
        </Button>
        {error}
      </div>
    );
  }
  return (
    <form ref={formRef} action={formAction} className="flex flex-wrap items-center gap-2" onKeyDown={(e) => e.key === "Escape" && setPhase("cancelled")}>
      <span className="text-sm text-slate-700">{description}?</span>
      <Button type="submit" variant="danger" disabled={pending} className="px-3 py-1" autoFocus>
        {pending ? verb.pending : verb.confirm}
      </Button>
      <Button type="button" variant="secondary" className="px-3 py-1" onClick={() => setPhase("cancelled")}>
        Cancel
      </Button>
      {error}
    </form>
  );
}
