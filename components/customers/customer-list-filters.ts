import type { FilterField } from "@/components/ui/list-filters";
import { PAYMENT_STANDINGS, TENANCIES, VERIFICATION_STATUSES } from "@/lib/customers/service";

const kycLabels: Record<(typeof VERIFICATION_STATUSES)[number], string> = { pending: "Pending", partial: "Partial", completed: "Completed", rekyc_due: "Re-KYC due" };
const paymentLabels: Record<(typeof PAYMENT_STANDINGS)[number], string> = { current: "Current", grace: "Grace", overdue: "Overdue" };
const tenancyLabels: Record<(typeof TENANCIES)[number], string> = { dedicated: "Dedicated", shared: "Shared" };

export const customerFilterFields: readonly FilterField[] = [
  { name: "kyc", label: "KYC", options: VERIFICATION_STATUSES.map((value) => ({ value, label: kycLabels[value] })) },
  { name: "payment", label: "Payment", options: PAYMENT_STANDINGS.map((value) => ({ value, label: paymentLabels[value] })) },
  { name: "tenancy", label: "Tenancy", options: TENANCIES.map((value) => ({ value, label: tenancyLabels[value] })) },
];
