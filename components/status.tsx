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

/**
 * In a list, a healthy value (green) is plain text, so the rows that need attention stand out;
 * `quiet` asks for that. Detail pages keep the badge.
 */
function StatusBadge({ tone, quiet, children }: { tone: Tone; quiet?: boolean; children: string }) {
  return quiet && tone === "green" ? <span className="text-slate-600">{children}</span> : <Badge tone={tone}>{children}</Badge>;
}

export function TenantStatusBadge({ status, quiet }: { status: string; quiet?: boolean }) {
  return (
    <StatusBadge tone={tenantTones[status] ?? "slate"} quiet={quiet}>
      {label(status)}
    </StatusBadge>
  );
}

export function StepStatusBadge({ status, step }: { status: string; step?: string }) {
  return <Badge tone={stepTones[status] ?? "slate"}>{step ? `${step}: ${status}` : label(status)}</Badge>;
}

export function VerificationBadge({ status, quiet }: { status: string; quiet?: boolean }) {
  return (
    <StatusBadge tone={verificationTones[status] ?? "slate"} quiet={quiet}>
      {status === "rekyc_due" ? "Re-KYC due" : label(status)}
    </StatusBadge>
  );
}

export function PaymentBadge({ standing, quiet }: { standing: string; quiet?: boolean }) {
  return (
    <StatusBadge tone={paymentTones[standing] ?? "slate"} quiet={quiet}>
      {label(standing)}
    </StatusBadge>
  );
}
