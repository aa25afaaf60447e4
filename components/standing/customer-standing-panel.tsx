import { env } from "@/lib/config/env";
import { PAYMENT_STANDINGS, PAYMENT_STANDING_LABELS, VERIFICATION_STATUSES, VERIFICATION_STATUS_LABELS } from "@/lib/standing/values";
import type { FormState } from "@/lib/forms/form-state";
import type { StandingHistoryItem } from "@/lib/standing/queries";
import { StandingChangeForm } from "@/components/standing/standing-change-form";
import { StandingHistory } from "@/components/standing/standing-history";
import { Time } from "@/components/ui/time";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

const when = (date: Date) => <Time value={date} />;

export interface CustomerStandingView {
  name: string;
  verificationStatus: string;
  verificationNotes: string | null;
  verificationReferences: string[];
  verificationChangedAt: Date;
  paymentStanding: string;
  paymentStandingChangedAt: Date;
  dedicated: boolean;
}

/** Verification and payment standing of a customer: the rules that apply, both changes, and the history. */
export function CustomerStandingPanel({
  customer,
  history,
  verificationAction,
  paymentAction,
}: {
  customer: CustomerStandingView;
  history: readonly StandingHistoryItem[];
  verificationAction: Action;
  paymentAction: Action;
}) {
  const grace = env().GATEHOUSE_STANDING_GRACE_DAYS;
  return (
    <section aria-labelledby="standing-heading" className="grid gap-4">
      <div>
        <h2 id="standing-heading" className="text-lg font-semibold">
          Verification and payment
        </h2>
        <p className="text-sm text-slate-600">
          {customer.dedicated ? "A dedicated tenant is created only once verification is completed. " : ""}
          When verification is <strong>Re-KYC due</strong> or payment is <strong>Overdue</strong> for more than {grace} day{grace === 1 ? "" : "s"}, nobody of this customer&apos;s
          tenants can sign in or use the API until it is settled; nothing is deleted. Verification status since {when(customer.verificationChangedAt)}; payment standing since{" "}
          {when(customer.paymentStandingChangedAt)}.
        </p>
        {customer.verificationNotes ? <p className="mt-1 text-sm text-slate-600">Verification notes: {customer.verificationNotes}</p> : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <StandingChangeForm
          action={verificationAction}
          title="Verification"
          objectName={customer.name}
          field={{ name: "status", label: "KYC / KYB status", options: options(VERIFICATION_STATUSES, VERIFICATION_STATUS_LABELS), current: customer.verificationStatus }}
          references={{ current: customer.verificationReferences.join("\n") }}
          text={{ name: "note", label: "Note", hint: "Optional; kept in the history, e.g. what was checked." }}
        />
        <StandingChangeForm
          action={paymentAction}
          title="Payment standing"
          objectName={customer.name}
          field={{ name: "standing", label: "Payment standing", options: options(PAYMENT_STANDINGS, PAYMENT_STANDING_LABELS), current: customer.paymentStanding }}
          text={{ name: "note", label: "Note", hint: "Optional; kept in the history, e.g. the invoice number." }}
          consequence={`Overdue locks the customer's tenants out after ${grace} day${grace === 1 ? "" : "s"} of grace.`}
        />
      </div>
      <h3 className="text-base font-semibold">History</h3>
      <StandingHistory items={history} />
    </section>
  );
}
