"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (state: FormState) => Promise<FormState>;

/** Checks DNS now; the page then shows the stored outcome (verified, or the error). */
export function VerifyDomainButton({ hostname, action, label = "Verify now" }: { hostname: string; action: Action; label?: string }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const router = useRouter();
  useEffect(() => {
    if (state.attempt) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction}>
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`${label.replace(" now", "")} ${hostname} now`}>
        {pending ? "Checking DNS…" : label}
      </Button>
    </form>
  );
}

/** Removing asks once more, naming the domain: it stops routing at once. */
export function RemoveDomainButton({ hostname, action }: { hostname: string; action: Action }) {
  return (
    <ConfirmActionButton
      action={action}
      label="Remove"
      ariaLabel={`Remove ${hostname}`}
      question={`Remove “${hostname}”? It stops leading to this workspace at once; people signing in there are turned away.`}
      confirmLabel="Remove domain"
      pendingLabel="Removing…"
    />
  );
}

/** While a domain is pending, the page re-reads its state now and then to show background checks. */
export function RefreshWhilePending({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
