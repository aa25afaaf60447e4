"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef, type RefObject } from "react";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

/**
 * What a form does after its server action answered: navigate to `redirectTo`, otherwise refresh
 * the page's server data after a success, or move focus to the first field with an error.
 */
export function useFormFeedback(state: FormState, formRef: RefObject<HTMLFormElement | null>): void {
  const router = useRouter();
  useEffect(() => {
    if (!state.attempt) return;
    if (state.redirectTo) {
      router.push(state.redirectTo);
      return;
    }
    if (state.ok) {
      router.refresh();
      return;
    }
    focusFirstInvalid(formRef);
  }, [state, router, formRef]);
}

function focusFirstInvalid(formRef: RefObject<HTMLFormElement | null>): void {
  formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
}

/** For forms that stay on their page whatever the answer: after each answer, focus the first field with an error. */
export function useFocusFirstInvalid(state: FormState, formRef: RefObject<HTMLFormElement | null>): void {
  useEffect(() => focusFirstInvalid(formRef), [state, formRef]);
}

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** A form bound to a server action: its state, the action for `<form action>`, whether it runs, and the feedback above. */
export function useActionForm(action: FormAction) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);
  return { state, formAction, pending, formRef };
}

/** The form-level message of the last submit (field messages sit next to their fields). */
export function FormMessage({ state, hideWhenFieldErrors = false }: { state: FormState; hideWhenFieldErrors?: boolean }) {
  if (!state.message) return null;
  if (state.ok) {
    return (
      <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-4 py-2 text-sm text-emerald-800">
        {state.message}
      </p>
    );
  }
  if (hideWhenFieldErrors && Object.keys(state.fieldErrors).length > 0) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
      {state.message}
    </p>
  );
}
