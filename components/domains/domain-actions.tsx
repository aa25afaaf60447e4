"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/errors/form-state";

type Action = (state: FormState) => Promise<FormState>;

/** Checks DNS now; the page then shows the stored outcome (verified, or the error). */
export function VerifyDomainButton({ hostname, action }: { hostname: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const router = useRouter();
  useEffect(() => {
    if (state.attempt) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction}>
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Verify ${hostname} now`}>{pending ? "Checking DNS…" : "Verify now"}</Button>
    </form>
  );
}

/** Removing asks once more, naming the domain: it stops routing at once. */
export function RemoveDomainButton({ hostname, action }: { hostname: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Remove ${hostname}`}>
        Remove
      </Button>
    );
  }
  return (
    <form action={formAction} className="grid gap-2">
      <p className="text-sm">Remove “{hostname}”? It stops leading to this workspace at once; people signing in there are turned away.</p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Removing…" : "Remove domain"}</Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>Cancel</Button>
      </div>
      {state.message && !state.ok ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
    </form>
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
