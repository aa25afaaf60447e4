import { tenantDb } from "@/lib/db/tenant-clients";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { randomUUID } from "node:crypto";
import { resetPassword } from "@/lib/identity/users";
import { endUserSessions } from "@/lib/sessions/service";
import { httpStatus } from "@/lib/identity/admin";
import { linkOrigin } from "@/lib/domains/link-origin";
import { getBranding } from "@/lib/branding/service";
import { deliverLinkMail, type LinkDelivery } from "@/lib/mail/delivery";
import { setPasswordMail } from "@/lib/mail/messages";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { SET_PASSWORD_LINK_TTL_MS } from "@/lib/set-password-links/token";
import { linkTokenHash, newLinkToken } from "@/lib/secrets/tokens";

/** A link as the admin gets it, once, with how its mail to the user went. */
export interface IssuedLink {
  url: string;
  expiresAt: Date;
  delivery: LinkDelivery;
}

/** What a link is worth when someone opens it. */
export type LinkState = { state: "valid"; username: string; expiresAt: Date } | { state: "invalid" | "used" | "in_use" | "interrupted" | "superseded" | "expired" | "disabled" };

export const LINK_REFUSALS: Record<Exclude<LinkState["state"], "valid">, string> = {
  invalid: "This link is not valid for this workspace. Check that you copied all of it, or ask your administrator for a new one.",
  used: "This link has already been used. Sign in with the password you chose, or ask your administrator for a new link.",
  in_use: "A password is being set with this link right now. Wait a moment, then sign in with the password you chose.",
  interrupted:
    "Setting a password with this link was interrupted, and we cannot tell whether the new password was saved. Try signing in with the password you chose; if that does not work, ask your administrator for a new link.",
  superseded: "A newer link was made for your account; this one no longer works. Use the newest link you were given.",
  expired: "This link has expired. Ask your administrator for a new one.",
  disabled: "Your account is disabled. Ask your administrator.",
};

/**
 * Issues a set-password link for a user of the realm. Any older open link of theirs stops working;
 * only the token's SHA-256 is stored, the URL is returned this once. After the commit the link is
 * mailed to the user's address when mail is configured; a failed send leaves the link valid.
 */
export async function issueSetPasswordLink(tenant: ResolvedTenant, username: string, by: AuditActor): Promise<IssuedLink> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + SET_PASSWORD_LINK_TTL_MS);
  const email = await tenantDb(tenant).$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<
      { id: string; identity_id: string | null; email: string | null }[]
    >`SELECT id, identity_id, email FROM users WHERE username = ${username} FOR UPDATE`;
    if (!user) throw new AppError("not_found", "User not found.");
    if (!user.identity_id) throw new AppError("conflict", "This user is not in the identity realm yet. Retry the sync first.");
    const superseded = await tx.setPasswordLink.updateMany({ where: { userId: user.id, usedAt: null, supersededAt: null }, data: { supersededAt: new Date() } });
    await tx.setPasswordLink.create({ data: { userId: user.id, tokenHash: hash, expiresAt, createdBy: by.actor } });
    await recordTenantEvent(tx, by, {
      action: "user.set_password_link_issued",
      resourceType: "user",
      resourceId: username,
      after: { expiresAt, supersededLinks: superseded.count },
    });
    return user.email;
  });
  const url = `${await linkOrigin(tenant)}/set-password/${token}`;
  const mail = email ? setPasswordMail({ to: email, organizationName: (await getBranding(tenant)).organizationName, username, url, expiresAt }) : null;
  const delivery = await deliverLinkMail(tenant, mail, { action: "user.set_password_email_failed", resourceType: "user", resourceId: username }, by);
  return { url, expiresAt, delivery };
}

type LinkRow = {
  usedAt: Date | null;
  supersededAt: Date | null;
  expiresAt: Date;
  claimedAt: Date | null;
  interruptedAt: Date | null;
  user: { username: string; enabled: boolean; identityId: string | null };
};

/**
 * How long a redemption may be with the identity server (whose admin calls time out well before,
 * KEYCLOAK_ADMIN_TIMEOUT_MS ≤ 120 s). A claim older than this belongs to a process that died
 * between claiming the link and recording the outcome: the password may or may not have been set.
 */
export const LINK_CLAIM_STALE_MS = 5 * 60_000;

function stateOf(link: LinkRow | null, now = new Date()): LinkState {
  if (!link) return { state: "invalid" };
  if (link.usedAt) return { state: "used" };
  if (link.interruptedAt) return { state: "interrupted" };
  if (link.claimedAt) return { state: now.getTime() - link.claimedAt.getTime() > LINK_CLAIM_STALE_MS ? "interrupted" : "in_use" };
  if (link.supersededAt) return { state: "superseded" };
  if (link.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (!link.user.enabled) return { state: "disabled" };
  return { state: "valid", username: link.user.username, expiresAt: link.expiresAt };
}

const linkSelect = {
  usedAt: true,
  supersededAt: true,
  expiresAt: true,
  claimedAt: true,
  interruptedAt: true,
  user: { select: { username: true, enabled: true, identityId: true } },
} as const;

/** Looks a token up in this tenant's database only: another tenant's link is simply invalid here. */
export async function inspectSetPasswordLink(tenant: ResolvedTenant, token: string): Promise<LinkState> {
  const hash = linkTokenHash(token);
  if (!hash) return { state: "invalid" };
  return stateOf(await tenantDb(tenant).setPasswordLink.findUnique({ where: { tokenHash: hash }, select: linkSelect }));
}

/**
 * The identity server certainly did not set the password: it answered with a refusal (4xx), or it
 * could not be reached at all. Anything else — a timeout, a dropped connection, a 5xx — may have
 * landed.
 */
function certainlyNotSet(error: unknown): boolean {
  const status = httpStatus(error);
  if (status !== undefined) return status >= 400 && status < 500;
  const code = (error as { cause?: { code?: string }; code?: string })?.cause?.code ?? (error as { code?: string })?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND";
}

/**
 * Sets the user's password in the realm and uses the link up, once. No transaction is open while
 * the identity server works: the link is claimed first (a short transaction under its row lock; a
 * second submission finds it claimed and is refused at once), then the password is set, then the
 * outcome is committed for that claim only (compare-and-set on the claim id):
 * - set: the link is used, and the audit event written;
 * - refused by the identity server (e.g. its password policy): the claim is released, the user
 *   may choose another password with the same link;
 * - no answer (timeout, crash): the password may have been set, so the link is spent
 *   ("interrupted") — a link is never used twice — and the user is told to try signing in.
 */
export async function setPasswordWithLink(tenant: ResolvedTenant, token: string, password: string, client: Omit<AuditActor, "actor">): Promise<{ username: string }> {
  const hash = linkTokenHash(token);
  if (!hash) throw new AppError("not_found", LINK_REFUSALS.invalid);
  const db = tenantDb(tenant);
  const claimId = randomUUID();
  const claimed = await db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM set_password_links WHERE token_hash = ${hash} FOR UPDATE`;
    const link = locked ? await tx.setPasswordLink.findUnique({ where: { id: locked.id }, select: linkSelect }) : null;
    const state = stateOf(link);
    if (state.state !== "valid") throw new AppError(state.state === "invalid" ? "not_found" : "conflict", LINK_REFUSALS[state.state]);
    const identityId = link!.user.identityId;
    if (!identityId) throw new AppError("conflict", "Your account is not ready yet. Ask your administrator.");
    await tx.setPasswordLink.update({ where: { id: locked!.id }, data: { claimId, claimedAt: new Date() } });
    return { id: locked!.id, username: state.username, identityId };
  });
  const ours = { id: claimed.id, claimId };

  try {
    await resetPassword(tenant.key, claimed.identityId, password, false);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (certainlyNotSet(error)) {
      await db.setPasswordLink.updateMany({ where: ours, data: { claimId: null, claimedAt: null } });
      throw new AppError("validation_failed", "The identity server did not accept this password.", { password: `Not accepted: ${reason.slice(0, 200)}` });
    }
    await db.$transaction(async (tx) => {
      const spent = await tx.setPasswordLink.updateMany({ where: ours, data: { interruptedAt: new Date() } });
      if (spent.count === 1) {
        await recordTenantEvent(
          tx,
          { actor: `${tenant.key}/${claimed.username}`, ...client },
          { action: "user.password_set_by_link_interrupted", resourceType: "user", resourceId: claimed.username, after: { error: reason.slice(0, 200) } },
        );
      }
    });
    throw new AppError("conflict", LINK_REFUSALS.interrupted);
  }

  await db.$transaction(async (tx) => {
    const used = await tx.setPasswordLink.updateMany({ where: ours, data: { usedAt: new Date() } });
    // Only a user deleted meanwhile takes the link (and this claim) away.
    if (used.count === 0) throw new AppError("not_found", LINK_REFUSALS.invalid);
    await recordTenantEvent(
      tx,
      { actor: `${tenant.key}/${claimed.username}`, ...client },
      { action: "user.password_set_by_link", resourceType: "user", resourceId: claimed.username },
    );
  });
  await endUserSessions(tenant, claimed.username, "password_changed");
  return { username: claimed.username };
}
