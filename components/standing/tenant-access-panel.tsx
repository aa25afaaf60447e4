import type { Denial, Lockout } from "@/lib/access/decide";
import { describeDenial } from "@/lib/access/messages";
import type { FormState } from "@/lib/forms/form-state";
import { StandingChangeForm } from "@/components/standing/standing-change-form";
import { Time } from "@/components/ui/time";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface TenantAccessView {
  name: string;
  kind: string;
  accessDisabledReason: string | null;
  accessDisabled: boolean;
  breakglassExempt: boolean;
}

/** Whether the tenant's people get in now and why not; the billing switch; the break-glass exemption. */
export function TenantAccessPanel({
  tenant,
  denial,
  lockout,
  accessAction,
  breakglassAction,
}: {
  tenant: TenantAccessView;
  denial: Denial | null;
  /** A lock-out whose grace period is running: said, with its date, while people still get in. */
  lockout: Lockout | null;
  accessAction: Action;
  breakglassAction: Action;
}) {
  const text = denial ? describeDenial(denial) : null;
  return (
    <section aria-labelledby="access-heading" className="grid gap-4">
      <h2 id="access-heading" className="text-lg font-semibold">
        Access
      </h2>
      <p
        className={`rounded-md p-3 text-sm ${text ? "bg-red-50 text-red-800" : lockout ? "bg-amber-50 text-amber-900" : "bg-emerald-50 text-emerald-800"}`}
        data-testid="tenant-access"
      >
        {text ? `Refused: ${text.label}. ${text.body}` : lockout ? <LockoutNotice lockout={lockout} /> : "Users and API keys of this tenant get in."}
        {text && tenant.breakglassExempt && denial?.reason !== "inactive" ? " The break-glass admin may still sign in." : ""}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <StandingChangeForm
          action={accessAction}
          title="Tenant access"
          objectName={tenant.name}
          field={{
            name: "enabled",
            label: "Access",
            options: [
              { value: "true", label: "Enabled" },
              { value: "false", label: "Disabled by billing" },
            ],
            current: String(!tenant.accessDisabled),
          }}
          text={{ name: "reason", label: "Reason", hint: "Required to disable; shown to the tenant's users on the status page." }}
          consequence="Disabled: nobody signs in and no API key works; all data is kept and access returns when enabled."
        />
        {tenant.kind === "dedicated" ? (
          <StandingChangeForm
            action={breakglassAction}
            title="Break-glass admin"
            objectName={tenant.name}
            field={{
              name: "allowed",
              label: "Break-glass admin",
              options: [
                { value: "false", label: "Follows the standing rules" },
                { value: "true", label: "Allowed in despite the standing" },
              ],
              current: String(tenant.breakglassExempt),
            }}
            text={{ name: "reason", label: "Reason", hint: "Required to allow; recorded in the audit trail." }}
            consequence="Applies to payment, verification and the billing switch; never to a suspended, archived or deleted tenant."
          />
        ) : null}
      </div>
    </section>
  );
}

const UNLESS: Record<Lockout["reason"], string> = { payment: "payment is received", verification: "the re-KYC is completed" };

/** "Users and API keys get in for now. Access ends on 2026-12-14 10:00 UTC unless payment is received." */
export function LockoutNotice({ lockout }: { lockout: Lockout }) {
  return (
    <>
      Users and API keys of this tenant get in for now. Access ends on <Time value={lockout.at} /> unless {UNLESS[lockout.reason]}.
    </>
  );
}
