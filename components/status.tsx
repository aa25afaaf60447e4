import { Badge, type Tone } from "@/components/ui/badge";

const tenantTones: Record<string, Tone> = { provisioning: "blue", active: "green", suspended: "amber", archived: "slate", deleted: "red" };
const stepTones: Record<string, Tone> = { pending: "slate", running: "blue", done: "green", failed: "red" };
const verificationTones: Record<string, Tone> = { pending: "amber", partial: "amber", completed: "green", rekyc_due: "red" };
const paymentTones: Record<string, Tone> = { current: "green", grace: "amber", overdue: "red" };

const label = (value: string) =>
  value
    .replace("_", " ")
    .replace(/^./, (c) => c.toUpperCase())
    .replace("Rekyc", "Re-KYC");

export function TenantStatusBadge({ status }: { status: string }) {
  return <Badge tone={tenantTones[status] ?? "slate"}>{label(status)}</Badge>;
}

export function StepStatusBadge({ status, step }: { status: string; step?: string }) {
  return <Badge tone={stepTones[status] ?? "slate"}>{step ? `${step}: ${status}` : label(status)}</Badge>;
}

export function VerificationBadge({ status }: { status: string }) {
  return <Badge tone={verificationTones[status] ?? "slate"}>{status === "rekyc_due" ? "Re-KYC due" : label(status)}</Badge>;
}

export function PaymentBadge({ standing }: { standing: string }) {
  return <Badge tone={paymentTones[standing] ?? "slate"}>{label(standing)}</Badge>;
}
