import { env } from "@/lib/config/env";
import type { Denial } from "@/lib/access/decide";

export interface DenialText {
  /** Short label, e.g. for the status line of the page. */
  label: string;
  /** Completes “<workspace> …”. */
  title: string;
  body: string;
  /** Whom to contact. */
  contact: string;
}

const LIFECYCLE: Record<string, { title: string; body: string }> = {
  provisioning: { title: "is being set up", body: "This workspace is still being provisioned. Try again in a minute." },
  suspended: { title: "is suspended", body: "Access to this workspace is suspended. Its data is kept." },
  archived: { title: "is archived", body: "This workspace is archived and no longer accepts sign-ins. Its data is kept read-only." },
  deleted: { title: "has been deleted", body: "This workspace was deleted." },
};

/** What the status page and the API say about a denial: why, and whom to contact. */
export function describeDenial(denial: Denial): DenialText {
  const operator = env().GATEHOUSE_SUPPORT_CONTACT;
  switch (denial.reason) {
    case "inactive": {
      const text = LIFECYCLE[denial.status] ?? { title: "is unavailable", body: "This workspace is not available." };
      return { label: `Workspace ${denial.status}`, ...text, contact: `Contact your administrator or ${operator}.` };
    }
    case "disabled":
      return {
        label: "Access disabled",
        title: "is disabled",
        body: `Access to this workspace has been disabled by billing${denial.disabledReason ? `: ${denial.disabledReason}` : ""}. Nothing has been deleted; access returns as soon as it is re-enabled.`,
        contact: `Your organisation's account owner can settle this with ${operator}.`,
      };
    case "payment":
      return {
        label: "Payment required",
        title: "is paused: payment overdue",
        body: "The subscription payment for this workspace is overdue and its grace period has ended. Nothing has been deleted; sign-in works again as soon as the payment is settled.",
        contact: `Your organisation's account owner can settle the payment with ${operator}.`,
      };
    case "verification":
      return {
        label: "Verification required",
        title: "is paused: verification due",
        body: "The organisation behind this workspace must renew its identity verification (KYC/KYB) and the grace period has ended. Nothing has been deleted; sign-in works again once verification is completed.",
        contact: `Your organisation's account owner can complete verification with ${operator}.`,
      };
  }
}

/** One sentence for an API error message. */
export function denialMessage(denial: Denial, tenantKey: string): string {
  const text = describeDenial(denial);
  return `The workspace “${tenantKey}” ${text.title}. ${text.contact}`;
}

/** What an organization's locked page says: its customer's billing switch, payment or verification, or a customer that is gone. */
export function describeOrganizationDenial(denial: Denial, organization: string): DenialText {
  const text = describeDenial(denial);
  const body: Partial<Record<Denial["reason"], string>> = {
    disabled: `Access to this organization has been disabled by billing${denial.disabledReason ? `: ${denial.disabledReason}` : ""}. Nothing has been deleted; its pages open again as soon as it is re-enabled.`,
    payment:
      "The subscription payment for this organization is overdue and its grace period has ended. Nothing has been deleted; its pages open again as soon as the payment is settled.",
    verification:
      "This organization must renew its identity verification (KYC/KYB) and the grace period has ended. Nothing has been deleted; its pages open again once verification is completed.",
  };
  return { ...text, title: `${organization} ${text.title}`, body: body[denial.reason] ?? "This organization is no longer available." };
}
