"use server";

import { AppError } from "@/lib/errors/app-error";
import { cloudTenant } from "@/lib/organizations/cloud";
import { organizationOfCustomer } from "@/lib/organizations/queries";
import { changeOrganizationRoleSchema, inviteSchema, newAccountSchema } from "@/lib/organizations/schema";
import {
  acceptInvitationAsUser,
  acceptInvitationWithNewAccount,
  createInvitation,
  resendInvitation,
  revokeInvitation,
  type IssuedInvitation,
} from "@/lib/organizations/invitations";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";
import { deliveryFormValues } from "@/lib/mail/delivery";
import { BOUND } from "@/lib/edge/bound";
import { cloudAction } from "@/lib/edge/cloud-action";
import { linkAction } from "@/lib/edge/link-action";
import { platformAction } from "@/lib/edge/platform-action";

// The commands check the caller's role in the bound organization inside their transaction.

const linkState = (issued: IssuedInvitation, message: string) => ({
  message,
  values: { ...deliveryFormValues("invitationUrl", issued.url, issued.delivery), expiresAt: issued.expiresAt.toISOString() },
});

export const inviteAction = cloudAction({
  bound: [BOUND.organization],
  input: inviteSchema,
  handle: async ({ tenant, as, actor, bound: [organizationId], input }) =>
    linkState(await createInvitation(tenant, organizationId, input, as, actor), `Invitation for ${input.email} created.`),
});

export const resendInvitationAction = cloudAction({
  bound: [BOUND.organization, BOUND.invitation],
  handle: async ({ tenant, as, actor, bound: [organizationId, invitationId] }) =>
    linkState(await resendInvitation(tenant, organizationId, invitationId, as, actor), "New link made; the previous one no longer works."),
});

export const revokeInvitationAction = cloudAction({
  bound: [BOUND.organization, BOUND.invitation],
  handle: async ({ tenant, as, actor, bound: [organizationId, invitationId] }) => {
    await revokeInvitation(tenant, organizationId, invitationId, as, actor);
    return { message: "Invitation withdrawn." };
  },
});

export const changeOrganizationRoleAction = cloudAction({
  bound: [BOUND.organization, BOUND.user],
  input: changeOrganizationRoleSchema,
  handle: async ({ tenant, as, actor, bound: [organizationId, username], input }) => {
    await changeMemberRole(tenant, organizationId, username, input.role, as, actor);
    return { message: "Role saved." };
  },
});

export const removeOrganizationMemberAction = cloudAction({
  bound: [BOUND.organization, BOUND.user],
  handle: async ({ tenant, as, actor, bound: [organizationId, username] }) => {
    await removeMember(tenant, organizationId, username, as, actor);
    return { message: `${username} removed.` };
  },
});

/** Public on the cloud host: the invitation link is the credential; a new cloud account joins. */
export const acceptWithNewAccountAction = linkAction({
  bound: [BOUND.token],
  cloudOnly: { refusal: "Invitations are accepted on the shared cloud host only." },
  input: newAccountSchema,
  // Passwords are never sent back to the form.
  shown: (values) => ({ username: values.username ?? "" }),
  handle: async ({ tenant, client, bound: [token], input }) => {
    const { username } = await acceptInvitationWithNewAccount(tenant, token, input, client);
    return { message: `Welcome, ${username}: you are a member now. Sign in with your new password.`, values: { username } };
  },
});

/** The signed-in user of the cloud realm accepts with their existing account. */
export const joinWithSessionAction = cloudAction({
  bound: [BOUND.token],
  handle: async ({ tenant, username, actor, bound: [token] }) => {
    await acceptInvitationAsUser(tenant, token, username, actor);
    return { message: "You joined the organization.", redirectTo: "/orgs" };
  },
});

/** The console: a superadmin invites (typically the organization's first admin) into a shared customer's organization. */
export const inviteFromConsoleAction = platformAction({
  bound: [BOUND.customer],
  input: inviteSchema,
  handle: async ({ actor, bound: [customerId], input }) => {
    const cloud = await cloudTenant();
    const organization = cloud ? await organizationOfCustomer(cloud, customerId) : null;
    if (!cloud || !organization) throw new AppError("not_found", "This customer has no organization yet.");
    return linkState(await createInvitation(cloud, organization.id, input, { kind: "platform" }, actor), `Invitation for ${input.email} created.`);
  },
});
