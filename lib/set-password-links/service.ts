import { tenantDb } from "@/lib/db/tenant-clients";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { resetPassword } from "@/lib/identity/users";
import { linkOrigin } from "@/lib/domains/link-origin";
import { getBranding } from "@/lib/branding/service";
import { deliverLinkMail, type LinkDelivery } from "@/lib/mail/delivery";
import { setPasswordMail } from "@/lib/mail/messages";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { linkTokenHash, newLinkToken, SET_PASSWORD_LINK_TTL_MS } from "@/lib/set-password-links/token";

/** A link as the admin gets it, once, with how its mail to the user went. */
export interface IssuedLink {
  url: string;
  expiresAt: Date;
  delivery: LinkDelivery;
}

/** What a link is worth when someone opens it. */
export type LinkState = { state: "valid"; username: string; expiresAt: Date } | { state: "invalid" | "used" | "superseded" | "expired" | "disabled" };

export const LINK_REFUSALS: Record<Exclude<LinkState["state"], "valid">, string> = {
  invalid: "This link is not valid for this workspace. Check that you copied all of it, or ask your administrator for a new one.",
  used: "This link has already been used. Sign in with the password you chose, or ask your administrator for a new link.",
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
    const [user] = await tx.$queryRaw<{ id: string; identity_id: string | null; email: string | null }[]>`SELECT id, identity_id, email FROM users WHERE username = ${username} FOR UPDATE`;
    if (!user) throw new AppError("not_found", "User not found.");
    if (!user.identity_id) throw new AppError("conflict", "This user is not in the identity realm yet. Retry the sync first.");
    const superseded = await tx.setPasswordLink.updateMany({ where: { userId: user.id, usedAt: null, supersededAt: null }, data: { supersededAt: new Date() } });
    await tx.setPasswordLink.create({ data: { userId: user.id, tokenHash: hash, expiresAt, createdBy: by.actor } });
    await recordTenantEvent(tx, by, { action: "user.set_password_link_issued", resourceType: "user", resourceId: username, after: { expiresAt, supersededLinks: superseded.count } });
    return user.email;
  });
  const url = `${await linkOrigin(tenant)}/set-password/${token}`;
  const mail = email ? setPasswordMail({ to: email, organizationName: (await getBranding(tenant)).organizationName, username, url, expiresAt }) : null;
  const delivery = await deliverLinkMail(tenant, mail, { action: "user.set_password_email_failed", resourceType: "user", resourceId: username }, by);
  return { url, expiresAt, delivery };
}

type LinkRow = { usedAt: Date | null; supersededAt: Date | null; expiresAt: Date; user: { username: string; enabled: boolean; identityId: string | null } };

function stateOf(link: LinkRow | null, now = new Date()): LinkState {
  if (!link) return { state: "invalid" };
  if (link.usedAt) return { state: "used" };
  if (link.supersededAt) return { state: "superseded" };
  if (link.expiresAt.getTime() <= now.getTime()) return { state: "expired" };
  if (!link.user.enabled) return { state: "disabled" };
  return { state: "valid", username: link.user.username, expiresAt: link.expiresAt };
}

const linkSelect = { usedAt: true, supersededAt: true, expiresAt: true, user: { select: { username: true, enabled: true, identityId: true } } } as const;

/** Looks a token up in this tenant's database only: another tenant's link is simply invalid here. */
export async function inspectSetPasswordLink(tenant: ResolvedTenant, token: string): Promise<LinkState> {
  const hash = linkTokenHash(token);
  if (!hash) return { state: "invalid" };
  return stateOf(await tenantDb(tenant).setPasswordLink.findUnique({ where: { tokenHash: hash }, select: linkSelect }));
}

/**
 * Sets the user's password in the realm and uses the link up, once: the link's row stays locked
 * from the check to the write, so two submissions of one link cannot both succeed.
 */
export async function setPasswordWithLink(tenant: ResolvedTenant, token: string, password: string, client: Omit<AuditActor, "actor">): Promise<{ username: string }> {
  const hash = linkTokenHash(token);
  if (!hash) throw new AppError("not_found", LINK_REFUSALS.invalid);
  return tenantDb(tenant).$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM set_password_links WHERE token_hash = ${hash} FOR UPDATE`;
      const link = locked ? await tx.setPasswordLink.findUnique({ where: { id: locked.id }, select: linkSelect }) : null;
      const state = stateOf(link);
      if (state.state !== "valid") throw new AppError(state.state === "invalid" ? "not_found" : "conflict", LINK_REFUSALS[state.state]);
      const identityId = link!.user.identityId;
      if (!identityId) throw new AppError("conflict", "Your account is not ready yet. Ask your administrator.");
      try {
        await resetPassword(tenant.key, identityId, password, false);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new AppError("validation_failed", "The identity server did not accept this password.", { password: `Not accepted: ${reason.slice(0, 200)}` });
      }
      await tx.setPasswordLink.update({ where: { id: locked!.id }, data: { usedAt: new Date() } });
      await recordTenantEvent(tx, { actor: `${tenant.key}/${state.username}`, ...client }, { action: "user.password_set_by_link", resourceType: "user", resourceId: state.username });
      return { username: state.username };
    },
    { timeout: 15_000 },
  );
}
