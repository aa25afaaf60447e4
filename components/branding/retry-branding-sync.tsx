"use client";

import { useActionState, useRef } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage, useFormFeedback } from "@/components/ui/form-feedback";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

export function RetryBrandingSyncButton({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);
  return (
    <form ref={formRef} action={formAction} className="grid gap-2">
      <FormMessage state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Retrying…" : "Retry login page update"}
        </Button>
      </div>
    </form>
  );
}
