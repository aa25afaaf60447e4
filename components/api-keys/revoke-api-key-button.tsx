"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { initialFormState, type FormState } from "@/lib/errors/form-state";

/** Revoking asks once more: a revoked key stops working at once and cannot be restored. */
export function RevokeApiKeyButton({ name, action }: { name: string; action: (state: FormState) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const [confirming, setConfirming] = useState(false);
  const router = useRouter();
  useEffect(() => {
    if (state.ok) router.refresh();
  }, [state, router]);
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <form action={formAction} className="grid gap-2">
      <p className="text-sm">Revoke “{name}”? Requests with it fail at once; this cannot be undone.</p>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" disabled={pending}>{pending ? "Revoking…" : "Revoke key"}</Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>Cancel</Button>
      </div>
      {state.message && !state.ok ? <p role="alert" className="text-sm text-red-700">{state.message}</p> : null}
    </form>
  );
}
