import { tenantDb } from "@/lib/db/tenant-clients";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent, type TenantEvent } from "@/lib/audit/tenant-events";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { mailConfig } from "@/lib/mail/config";
import { maskAddress, recipientDomain } from "@/lib/mail/address";
import { sendMail, type OutgoingMail } from "@/lib/mail/transport";

/** How a link's mail went; the admin is told, and sees the link whenever it was not sent. */
export type LinkDelivery = { outcome: "sent"; to: string } | { outcome: "not_configured" } | { outcome: "no_address" } | { outcome: "failed"; to: string; error: string };

/** The audit event a failed send leaves, on the resource the link belongs to. */
export type FailureEvent = Pick<TenantEvent, "action" | "resourceType" | "resourceId">;

/**
 * Sends a link's mail. Call only after the link's transaction has committed: a failure is
 * audited and reported, never undoes the link. Logs the recipient's domain and the outcome only.
 */
export async function deliverLinkMail(tenant: ResolvedTenant, mail: OutgoingMail | null, failure: FailureEvent, by: AuditActor): Promise<LinkDelivery> {
  const log = logger().child({ tenant: tenant.key, mail: failure.action });
  const domain = mail ? recipientDomain(mail.to) : "(none)";
  try {
    const config = mailConfig();
    if (!config) return { outcome: "not_configured" };
    if (!mail) return { outcome: "no_address" };
    await sendMail(config, mail);
    log.info({ recipientDomain: domain, outcome: "sent" }, "link mail sent");
    return { outcome: "sent", to: maskAddress(mail.to) };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    log.warn({ recipientDomain: domain, outcome: "failed", reason }, "link mail not sent");
    // The admin still gets the link; a trail that cannot be written must not take it away.
    await tenantDb(tenant)
      .$transaction((tx) => recordTenantEvent(tx, by, { ...failure, after: { recipientDomain: domain, error: reason } }))
      .catch((auditError: unknown) => log.error({ err: auditError }, "could not audit the failed link mail"));
    return { outcome: "failed", to: mail ? maskAddress(mail.to) : "", error: reason };
  }
}

/** The link and its delivery as form values: the link itself only when the admin must pass it on. */
export function deliveryFormValues(urlField: string, url: string, delivery: LinkDelivery): Record<string, string> {
  return {
    [urlField]: delivery.outcome === "sent" ? "" : url,
    mailOutcome: delivery.outcome,
    mailTo: "to" in delivery ? delivery.to : "",
    mailError: delivery.outcome === "failed" ? delivery.error : "",
  };
}
