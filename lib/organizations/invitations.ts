import type { Prisma } from "@/lib/db/generated/tenant/client";
import { tenantDb } from "@/lib/db/tenant-clients";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors/app-error";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { createTenantUser, deleteTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { linkTokenHash, newLinkToken } from "@/lib/secrets/tokens";
import { linkOrigin } from "@/lib/domains/link-origin";
import { deliverLinkMail, type LinkDelivery } from "@/lib/mail/delivery";
import { invitationMail } from "@/lib/mail/messages";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import type { Principal } from "@/lib/permissions/permissions";
import { isId, requireOrganizationRole, type OrganizationCaller } from "@/lib/organizations/authority";
import type { OrganizationRole } from "@/lib/organizations/roles";
import type { InviteInput } from "@/lib/organizations/schema";

/** How long an invitation link works; re-sending starts the period again. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** An invitation link as the admin gets it, once, with how its mail to the invitee went. */
export interface IssuedInvitation {
  id: string;
  url: string;
  expiresAt: Date;
  delivery: LinkDelivery;
}

export type InvitationState =
  | { state: "valid"; organization: { id: string; name: string; customerId: string }; email: string; role: OrganizationRole; expiresAt: Date }
  | { state: "invalid" | "accepted" | "revoked" | "expired" };

export const INVITATION_REFUSALS: Record<Exclude<InvitationState["state"], "valid">, string> = {
  invalid:
    "This invitation link is not valid. Check that you copied all of it; if the invitation was sent again, only the newest link works. Otherwise ask the organization's admin for a new one.",
  accepted: "This invitation has already been accepted. Sign in to reach the organization.",
  revoked: "This invitation was withdrawn by the organization's admin. Ask them for a new one if you should still join.",
  expired: "This invitation has expired. Ask the organization's admin to send it again.",
};

type Tx = Prisma.TransactionClient;

/** The link, mailed to the invitee after the invitation's transaction committed (when mail is configured). */
async function issued(
  cloud: ResolvedTenant,
  invitation: { id: string; email: string; role: string; organizationId: string },
  token: string,
  expiresAt: Date,
  by: AuditActor,
): Promise<IssuedInvitation> {
  const url = `${await linkOrigin(cloud)}/invitations/${token}`;
  const organization = await tenantDb(cloud).organization.findUniqueOrThrow({ where: { id: invitation.organizationId }, select: { name: true } });
  const mail = invitationMail({ to: invitation.email, organizationName: organization.name, role: invitation.role, url, expiresAt });
  const delivery = await deliverLinkMail(cloud, mail, { action: "invitation.email_failed", resourceType: "invitation", resourceId: invitation.id }, by);
  return { id: invitation.id, url, expiresAt, delivery };
}

/** Invites `email` into the organization with `role`; only the token's SHA-256 is stored. */
export async function createInvitation(cloud: ResolvedTenant, organizationId: string, input: InviteInput, caller: OrganizationCaller, by: AuditActor): Promise<IssuedInvitation> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  let invitation;
  try {
    invitation = await tenantDb(cloud).$transaction(async (tx) => {
      await requireOrganizationRole(tx, organizationId, caller, "admin");
      const created = await tx.organizationInvitation.create({ data: { organizationId, email: input.email, role: input.role, tokenHash: hash, expiresAt, createdBy: by.actor } });
      await recordTenantEvent(tx, by, {
        action: "invitation.created",
        resourceType: "invitation",
        resourceId: created.id,
        after: { organizationId, email: created.email, role: created.role, expiresAt },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("conflict", "This address already has an open invitation.", {
        email: "This address already has an open invitation. Send it again or withdraw it instead.",
      });
    throw error;
  }
  return issued(cloud, invitation, token, expiresAt, by);
}

/** The invitation locked for a change, if it is this organization's and still open. */
async function lockOpenInvitation(tx: Tx, organizationId: string, invitationId: string) {
  const [row] = isId(invitationId)
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organization_invitations WHERE id = ${invitationId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`
    : [];
  if (!row) throw new AppError("not_found", "Invitation not found.");
  const invitation = await tx.organizationInvitation.findUniqueOrThrow({ where: { id: row.id } });
  if (invitation.acceptedAt) throw new AppError("conflict", "This invitation has already been accepted.");
  if (invitation.revokedAt) throw new AppError("conflict", "This invitation was withdrawn.");
  return invitation;
}

/** Sends an open (or expired) invitation again: a new link for another 7 days; the old link stops working. */
export async function resendInvitation(cloud: ResolvedTenant, organizationId: string, invitationId: string, caller: OrganizationCaller, by: AuditActor): Promise<IssuedInvitation> {
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const invitation = await tenantDb(cloud).$transaction(async (tx) => {
    await requireOrganizationRole(tx, organizationId, caller, "admin");
    const before = await lockOpenInvitation(tx, organizationId, invitationId);
    await tx.organizationInvitation.update({ where: { id: invitationId }, data: { tokenHash: hash, expiresAt } });
    await recordTenantEvent(tx, by, {
      action: "invitation.resent",
      resourceType: "invitation",
      resourceId: invitationId,
      before: { expiresAt: before.expiresAt },
      after: { organizationId, email: before.email, expiresAt },
    });
    return before;
  });
  return issued(cloud, invitation, token, expiresAt, by);
}

/** Withdraws an open invitation: its link shows that it was withdrawn. */
export async function revokeInvitation(cloud: ResolvedTenant, organizationId: string, invitationId: string, caller: OrganizationCaller, by: AuditActor): Promise<void> {
  await tenantDb(cloud).$transaction(async (tx) => {
    await requireOrganizationRole(tx, organizationId, caller, "admin");
    const invitation = await lockOpenInvitation(tx, organizationId, invitationId);
    await tx.organizationInvitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } });
    await recordTenantEvent(tx, by, { action: "invitation.revoked", resourceType: "invitation", resourceId: invitationId, after: { organizationId, email: invitation.email } });
  });
}

type InvitationRow = {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  email: string;
  role: OrganizationRole;
  organization: { id: string; name: string; customerId: string };
};
const invitationSelect = {
  acceptedAt: true,
  revokedAt: true,
  expiresAt: true,
  email: true,
  role: true,
  organization: { select: { id: true, name: true, customerId: true } },
} as const;

function stateOf(row: InvitationRow | null, now = Date.now()): InvitationState {
  if (!row) return { state: "invalid" };
  if (row.acceptedAt) return { state: "accepted" };
  if (row.revokedAt) return { state: "revoked" };
  if (row.expiresAt.getTime() <= now) return { state: "expired" };
  return { state: "valid", organization: row.organization, email: row.email, role: row.role, expiresAt: row.expiresAt };
}

/** What an invitation link is worth when someone opens it. */
export async function inspectInvitation(cloud: ResolvedTenant, token: string): Promise<InvitationState> {
  const hash = linkTokenHash(token);
  if (!hash) return { state: "invalid" };
  return stateOf(await tenantDb(cloud).organizationInvitation.findUnique({ where: { tokenHash: hash }, select: invitationSelect }));
}

/** Locks the invitation by its token and returns it if it can still be accepted; otherwise the refusal. */
async function lockValidInvitation(tx: Tx, token: string) {
  const hash = linkTokenHash(token);
  const [row] = hash ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM organization_invitations WHERE token_hash = ${hash} FOR UPDATE` : [];
  const state = stateOf(row ? await tx.organizationInvitation.findUnique({ where: { id: row.id }, select: invitationSelect }) : null);
  if (state.state !== "valid") throw new AppError(state.state === "invalid" ? "not_found" : "conflict", INVITATION_REFUSALS[state.state]);
  return { id: row!.id, ...state };
}

/** Joins the member and uses the invitation up; one transaction, the invitation row locked throughout. */
async function join(tx: Tx, invitationId: string, organizationId: string, username: string, role: OrganizationRole, by: AuditActor): Promise<void> {
  if (await tx.organizationMember.findUnique({ where: { organizationId_username: { organizationId, username } } })) {
    throw new AppError("conflict", `${username} is already a member of this organization.`);
  }
  await tx.organizationMember.create({ data: { organizationId, username, role } });
  await tx.organizationInvitation.update({ where: { id: invitationId }, data: { acceptedAt: new Date(), acceptedBy: username } });
  await recordTenantEvent(tx, by, { action: "invitation.accepted", resourceType: "invitation", resourceId: invitationId, after: { organizationId, username, role } });
  await recordTenantEvent(tx, by, { action: "organization.member_added", resourceType: "organization", resourceId: organizationId, after: { username, role } });
}

/** A signed-in user of the cloud realm accepts: their existing account joins the organization. */
export async function acceptInvitationAsUser(cloud: ResolvedTenant, token: string, username: string, by: AuditActor): Promise<{ organizationId: string }> {
  return tenantDb(cloud).$transaction(async (tx) => {
    const invitation = await lockValidInvitation(tx, token);
    if (!(await tx.user.findUnique({ where: { username }, select: { id: true } })))
      throw new AppError("not_found", "Your account is not known here. Sign out and accept with a new account.");
    await join(tx, invitation.id, invitation.organization.id, username, invitation.role, by);
    return { organizationId: invitation.organization.id };
  });
}

/**
 * Someone without an account accepts: a user of the cloud realm with the invited address and the
 * chosen password (created like any user, database row first, then the realm), then they join.
 * The invitation is checked before the account is made and locked again to join, so of two
 * acceptances of one link only one joins; the other's new account is deleted again.
 */
export async function acceptInvitationWithNewAccount(
  cloud: ResolvedTenant,
  token: string,
  account: { username: string; password: string },
  client: Omit<AuditActor, "actor">,
): Promise<{ organizationId: string; username: string }> {
  const before = await inspectInvitation(cloud, token);
  if (before.state !== "valid") throw new AppError(before.state === "invalid" ? "not_found" : "conflict", INVITATION_REFUSALS[before.state]);
  const by = { actor: `${cloud.key}/${account.username}`, ...client };
  // The invitee signs up themselves, holding no permission: under the grant rule that makes (and
  // undoes) a member of the cloud tenant and nothing more; the invitation gives the organization role.
  const invitee: Principal = { kind: "user", username: account.username, realmRoles: [], ouRoles: {} };
  const created = await createTenantUser(
    cloud,
    createUserSchema.parse({ username: account.username, email: before.email, tenantRole: "member", passwordMode: "set", password: account.password }),
    invitee,
    by,
  );
  try {
    if (created.provisioningState !== "synced") throw new AppError("conflict", "Your account could not be created on the identity server just now. Try again in a moment.");
    return await tenantDb(cloud).$transaction(async (tx) => {
      const invitation = await lockValidInvitation(tx, token);
      await join(tx, invitation.id, invitation.organization.id, account.username, invitation.role, by);
      return { organizationId: invitation.organization.id, username: account.username };
    });
  } catch (error) {
    await deleteTenantUser(cloud, account.username, invitee, by);
    throw error;
  }
}
