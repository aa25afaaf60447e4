"use server";

import { headers } from "next/headers";
import { requestActor } from "@/lib/audit/actor";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { AppError } from "@/lib/errors/app-error";
import { authorizeSuperadmin } from "@/lib/auth/guards";
import { requireWorkspace } from "@/lib/tenancy/request";
import { authorizeCloudMember } from "@/lib/organizations/guards";
import { cloudTenant } from "@/lib/organizations/cloud";
import { organizationOfCustomer } from "@/lib/organizations/queries";
import { changeOrganizationRoleSchema, inviteSchema, newAccountSchema } from "@/lib/organizations/schema";
import { acceptInvitationAsUser, acceptInvitationWithNewAccount, createInvitation, resendInvitation, revokeInvitation, type IssuedInvitation } from "@/lib/organizations/invitations";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";
import { deliveryFormValues } from "@/lib/mail/delivery";
import { enforceLimits, linkCheck } from "@/lib/rate-limits/enforce";

// Every action takes the organization (and invitation or member) as bound arguments that come back
// from the browser; the commands check the caller's role in that organization inside their transaction.

const linkState = (issued: IssuedInvitation, message: string) => ({ message, values: { ...deliveryFormValues("invitationUrl", issued.url, issued.delivery), expiresAt: issued.expiresAt.toISOString() } });

export async function inviteAction(organizationId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const caller = await authorizeCloudMember();
    const input = parseOrThrow(inviteSchema, values);
    return linkState(await createInvitation(caller.tenant, organizationId, input, caller.as, caller.actor), `Invitation for ${input.email} created.`);
  });
}

export async function resendInvitationAction(organizationId: string, invitationId: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const caller = await authorizeCloudMember();
    return linkState(await resendInvitation(caller.tenant, organizationId, invitationId, caller.as, caller.actor), "New link made; the previous one no longer works.");
  });
}

export async function revokeInvitationAction(organizationId: string, invitationId: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const caller = await authorizeCloudMember();
    await revokeInvitation(caller.tenant, organizationId, invitationId, caller.as, caller.actor);
    return { message: "Invitation withdrawn." };
  });
}

export async function changeOrganizationRoleAction(organizationId: string, username: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const caller = await authorizeCloudMember();
    const { role } = parseOrThrow(changeOrganizationRoleSchema, values);
    await changeMemberRole(caller.tenant, organizationId, username, role, caller.as, caller.actor);
    return { message: "Role saved." };
  });
}

export async function removeOrganizationMemberAction(organizationId: string, username: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const caller = await authorizeCloudMember();
    await removeMember(caller.tenant, organizationId, username, caller.as, caller.actor);
    return { message: `${username} removed.` };
  });
}

/** Public on the cloud host: the invitation link is the credential; a new cloud account joins. */
export async function acceptWithNewAccountAction(token: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // Passwords are never sent back to the form.
  return runAction(prev, { username: values.username ?? "" }, async () => {
    const cloud = await requireWorkspace();
    if (cloud.kind !== "shared_cloud") throw new AppError("not_found", "Invitations are accepted on the shared cloud host only.");
    const client = requestActor(await headers(), "");
    await enforceLimits(linkCheck(cloud, client.ip), { tenant: cloud, actor: { ...client, actor: `${cloud.key}/anonymous` } });
    const account = parseOrThrow(newAccountSchema, values);
    const { username } = await acceptInvitationWithNewAccount(cloud, token, account, client);
    return { message: `Welcome, ${username}: you are a member now. Sign in with your new password.`, values: { username } };
  });
}

/** The signed-in user of the cloud realm accepts with their existing account. */
export async function joinWithSessionAction(token: string, prev: FormState): Promise<FormState> {
  return runAction(prev, {}, async () => {
    const caller = await authorizeCloudMember();
    await acceptInvitationAsUser(caller.tenant, token, caller.session.user.username, caller.actor);
    return { message: "You joined the organization.", redirectTo: "/orgs" };
  });
}

/** The console: a superadmin invites (typically the organization's first admin) into a shared customer's organization. */
export async function inviteFromConsoleAction(customerId: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  return runAction(prev, values, async () => {
    const superadmin = await authorizeSuperadmin();
    const input = parseOrThrow(inviteSchema, values);
    const cloud = await cloudTenant();
    const organization = cloud ? await organizationOfCustomer(cloud, customerId) : null;
    if (!cloud || !organization) throw new AppError("not_found", "This customer has no organization yet.");
    return linkState(await createInvitation(cloud, organization.id, input, { kind: "platform" }, superadmin.actor), `Invitation for ${input.email} created.`);
  });
}
