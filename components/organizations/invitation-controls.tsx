"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { RemoveMembershipButton } from "@/components/memberships/remove-membership-button";
import { InvitationLink } from "@/components/organizations/invitation-link";
import { initialFormState, type FormState } from "@/lib/forms/form-state";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Send again (a new link; the old one stops working) and withdraw, after a confirmation naming the address. */
export function InvitationControls({ resend, revoke, email }: { resend: Action; revoke: Action; email: string }) {
  const [state, formAction, pending] = useActionState(resend, initialFormState);
  return (
    <div className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={formAction}>
          <Button type="submit" variant="secondary" className="px-3 py-1" disabled={pending}>
            {pending ? "Sending…" : "Send again"}
          </Button>
        </form>
        <RemoveMembershipButton
          action={revoke}
          description={`Withdraw the invitation for ${email}`}
          verb={{ label: "Withdraw", confirm: "Confirm withdrawal", pending: "Withdrawing…" }}
        />
      </div>
      {!state.ok && state.message ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
      {state.ok && state.values.mailOutcome ? <InvitationLink values={state.values} /> : null}
    </div>
  );
}
