import type { FormState } from "@/lib/forms/form-state";
import { ConfirmActionButton } from "@/components/ui/confirm-action-button";

/** Revoking asks once more: a revoked key stops working at once and cannot be restored. */
export function RevokeApiKeyButton({ name, action }: { name: string; action: (state: FormState) => Promise<FormState> }) {
  return (
    <ConfirmActionButton
      action={action}
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      question={`Revoke “${name}”? Requests with it fail at once; this cannot be undone.`}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
    />
  );
}
