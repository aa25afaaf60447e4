// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The guard package refuses any import outside a React server build; the actions are server code.
vi.mock("server-only", () => ({}));
import { controlDb } from "@/lib/db/control";
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createCustomer } from "@/lib/customers/service";
import { changePaymentStanding } from "@/lib/standing/commands";
import { hashSecret } from "@/lib/secrets/tokens";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { cloudTenant } from "@/lib/organizations/cloud";
import { organizationAccessDenial } from "@/lib/access/enforce";
import { acceptInvitationWithNewAccount, createInvitation, inspectInvitation } from "@/lib/organizations/invitations";
import { membershipBySlug, organizationOfCustomer, organizationsOf } from "@/lib/organizations/queries";
import {
  changeOrganizationRoleAction,
  inviteAction,
  inviteFromConsoleAction,
  joinWithSessionAction,
  removeOrganizationMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "@/lib/edge/actions/organizations";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR } from "@/tests/support/fixtures";
import { closeTestResources, rootTenant } from "@/tests/support/tenants";
import { call, sessionCookie } from "@/tests/support/api";
import * as customerAccess from "@/app/console/api/v1/customers/[id]/access/route";
import { passwordAccepted } from "@/tests/support/identity-login";

const controller = new ProvisioningController();
const CLOUD_HOST = "cloud.localhost:3000";
const CONSOLE = "console.localhost:3000";
const CLIENT = { ip: "203.0.113.7", userAgent: "vitest" };
let cloud: ResolvedTenant;

const suffix = () => randomBytes(3).toString("hex");
// Emails are unique per workspace and the shared cloud tenant outlives a run (the suite runs once per identity server).
const RUN = suffix();
const tokenOf = (url: string) => url.split("/invitations/")[1]!;

function form(values: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

/** Onboards a shared customer; its organization is created right after. */
async function sharedCustomer(name: string) {
  const { customerId } = await createCustomer(businessCustomer({ displayName: name, tenancy: "shared", verificationStatus: "pending" }), TEST_ACTOR);
  const organization = await organizationOfCustomer(cloud, customerId);
  if (!organization) throw new Error("no organization was created");
  return { customerId, organization };
}

/** A person who accepted an invitation with a new account (a user of the cloud realm). */
async function joined(organizationId: string, role: "admin" | "member", username = `u${suffix()}`) {
  const { url } = await createInvitation(cloud, organizationId, { email: `${username}@example.com`, role }, { kind: "platform" }, TEST_ACTOR);
  await acceptInvitationWithNewAccount(cloud, tokenOf(url), { username, password: "a-good-password-1" }, CLIENT);
  return { username, request: { host: CLOUD_HOST, cookie: await sessionCookie(cloud, username, ["member"]) } };
}

const membersOf = (organizationId: string) => tenantDb(cloud).organizationMember.findMany({ where: { organizationId }, orderBy: { username: "asc" } });

beforeAll(async () => {
  cloud = (await cloudTenant())!;
  await controller.reconcile(cloud.id);
  cloud = (await cloudTenant())!;
  if (cloud.status !== "active") throw new Error("the cloud tenant did not become active");
});

afterAll(() => closeTestResources(controller));

describe("organizations of shared customers", () => {
  it("creates one per shared customer at onboarding, and for shared customers that have none", async () => {
    const { customerId, organization } = await sharedCustomer(`Tiny Traders ${suffix()}`);
    expect(organization).toMatchObject({ customerId, name: expect.stringContaining("Tiny Traders") });
    expect(organization.slug).toMatch(/^tiny-traders-/);
    expect(await tenantDb(cloud).auditEvent.findFirst({ where: { action: "organization.created", resourceId: organization.id } })).toMatchObject({
      resourceType: "organization",
      actor: "test",
    });

    // A shared customer from before organizations existed: the controller's pass over the cloud tenant creates it.
    await tenantDb(cloud).organization.delete({ where: { id: organization.id } });
    await controller.reconcile(cloud.id);
    expect(await organizationOfCustomer(cloud, customerId)).toMatchObject({ customerId, slug: organization.slug });
  });

  it("gets its first admin from a console invitation: the invitee creates an account and is a member", async () => {
    const { customerId, organization } = await sharedCustomer("First Admin Co");
    const username = `first${suffix()}`;
    const superadmin = { host: CONSOLE, cookie: await sessionCookie(await rootTenant(), "superadmin", ["superadmin"]) };
    const invited = await asRequest(superadmin, () => inviteFromConsoleAction(customerId, initialFormState, form({ email: `Boss-${RUN}@Example.com`, role: "admin" })));
    expect(invited).toMatchObject({ ok: true });
    const token = tokenOf(invited.values.invitationUrl!);
    expect(invited.values.invitationUrl).toBe(`http://cloud.localhost:3000/invitations/${token}`);
    const row = await tenantDb(cloud).organizationInvitation.findFirstOrThrow({ where: { organizationId: organization.id } });
    expect(row).toMatchObject({ email: `boss-${RUN}@example.com`, role: "admin", tokenHash: hashSecret(token), createdBy: "root/superadmin" });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000);

    expect(await inspectInvitation(cloud, token)).toMatchObject({ state: "valid", email: `boss-${RUN}@example.com`, role: "admin" });
    await acceptInvitationWithNewAccount(cloud, token, { username, password: "boss-password-1" }, CLIENT);
    expect(await passwordAccepted(cloud.key, username, "boss-password-1")).toBe(true);
    expect(await tenantDb(cloud).user.findUnique({ where: { username } })).toMatchObject({ email: `boss-${RUN}@example.com`, tenantRole: "member", provisioningState: "synced" });
    expect(await membersOf(organization.id)).toMatchObject([{ username, role: "admin" }]);
    expect(await tenantDb(cloud).auditEvent.findFirst({ where: { action: "invitation.accepted", resourceId: row.id } })).toMatchObject({
      actor: `cloud/${username}`,
      ip: CLIENT.ip,
    });

    // Single use: the link says so, and a second acceptance creates nobody.
    expect(await inspectInvitation(cloud, token)).toEqual({ state: "accepted" });
    await expect(acceptInvitationWithNewAccount(cloud, token, { username: `again${suffix()}`, password: "another-password-2" }, CLIENT)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("already been accepted"),
    });
    expect(await membersOf(organization.id)).toHaveLength(1);
  });

  it("joins one of two simultaneous acceptances of one link and removes the other's account", async () => {
    const { organization } = await sharedCustomer("Race Co");
    const { url } = await createInvitation(cloud, organization.id, { email: `race-${RUN}@example.com`, role: "member" }, { kind: "platform" }, TEST_ACTOR);
    const [a, b] = [`ra${suffix()}`, `rb${suffix()}`];
    const results = await Promise.allSettled([a, b].map((username) => acceptInvitationWithNewAccount(cloud, tokenOf(url), { username, password: "race-password-1" }, CLIENT)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await membersOf(organization.id)).toHaveLength(1);
    expect(await tenantDb(cloud).user.count({ where: { username: { in: [a, b] } } })).toBe(1);
  });

  it("links the signed-in user's existing account to a second organization", async () => {
    const { organization: first } = await sharedCustomer("Linking One");
    const { organization: second } = await sharedCustomer("Linking Two");
    const person = await joined(first.id, "member");
    const { url } = await createInvitation(cloud, second.id, { email: `whoever-${RUN}@example.com`, role: "member" }, { kind: "platform" }, TEST_ACTOR);
    const result = await asRequest(person.request, () => joinWithSessionAction(tokenOf(url), initialFormState));
    expect(result).toMatchObject({ ok: true, redirectTo: "/orgs" });
    expect((await organizationsOf(cloud, person.username)).map((m) => m.organization.id).sort()).toEqual([first.id, second.id].sort());
    expect(await tenantDb(cloud).user.count({ where: { username: person.username } })).toBe(1);
  });

  it("refuses expired, withdrawn and replaced links", async () => {
    const { organization } = await sharedCustomer("Links Co");
    const admin = await joined(organization.id, "admin");
    const invite = (email: string) => asRequest(admin.request, () => inviteAction(organization.id, initialFormState, form({ email, role: "member" })));

    const late = await invite(`late-${RUN}@example.com`);
    await tenantDb(cloud).organizationInvitation.updateMany({
      where: { tokenHash: hashSecret(tokenOf(late.values.invitationUrl!)) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await inspectInvitation(cloud, tokenOf(late.values.invitationUrl!))).toEqual({ state: "expired" });
    await expect(
      acceptInvitationWithNewAccount(cloud, tokenOf(late.values.invitationUrl!), { username: `late${suffix()}`, password: "too-late-password" }, CLIENT),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("expired") });

    const withdrawn = await invite(`gone-${RUN}@example.com`);
    const withdrawnRow = await tenantDb(cloud).organizationInvitation.findFirstOrThrow({ where: { organizationId: organization.id, email: `gone-${RUN}@example.com` } });
    expect(await asRequest(admin.request, () => revokeInvitationAction(organization.id, withdrawnRow.id, initialFormState))).toMatchObject({ ok: true });
    expect(await inspectInvitation(cloud, tokenOf(withdrawn.values.invitationUrl!))).toEqual({ state: "revoked" });

    // Sending again makes a new link; the old one is simply no longer valid; an expired one can be renewed.
    const lateRow = await tenantDb(cloud).organizationInvitation.findFirstOrThrow({ where: { organizationId: organization.id, email: `late-${RUN}@example.com` } });
    const resent: FormState = await asRequest(admin.request, () => resendInvitationAction(organization.id, lateRow.id, initialFormState));
    expect(await inspectInvitation(cloud, tokenOf(late.values.invitationUrl!))).toEqual({ state: "invalid" });
    expect(await inspectInvitation(cloud, tokenOf(resent.values.invitationUrl!))).toMatchObject({ state: "valid", email: `late-${RUN}@example.com` });

    // One open invitation per address: a second is a field error, nothing written.
    const duplicate = await invite(`LATE-${RUN}@example.com`);
    expect(duplicate).toMatchObject({ ok: false, code: "conflict", fieldErrors: { email: expect.stringContaining("open invitation") } });
    expect(await tenantDb(cloud).organizationInvitation.count({ where: { organizationId: organization.id, email: `late-${RUN}@example.com` } })).toBe(1);
    expect(await invite("not-an-email")).toMatchObject({ ok: false, code: "validation_failed", fieldErrors: { email: expect.any(String) } });
    expect(
      await tenantDb(cloud).auditEvent.count({ where: { action: { in: ["invitation.created", "invitation.revoked", "invitation.resent"] }, actor: `cloud/${admin.username}` } }),
    ).toBe(4);
  });

  it("changes roles and keeps at least one admin", async () => {
    const { organization } = await sharedCustomer("Roles Co");
    const admin = await joined(organization.id, "admin");
    const member = await joined(organization.id, "member");
    const setRole = (as: typeof admin, username: string, role: string) =>
      asRequest(as.request, () => changeOrganizationRoleAction(organization.id, username, initialFormState, form({ role })));
    const remove = (as: typeof admin, username: string) => asRequest(as.request, () => removeOrganizationMemberAction(organization.id, username, initialFormState));

    // A member cannot manage; the last admin can neither step down nor be removed.
    expect(await setRole(member, member.username, "admin")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await setRole(admin, admin.username, "member")).toMatchObject({ ok: false, code: "conflict", fieldErrors: { role: expect.stringContaining("at least one admin") } });
    expect(await remove(admin, admin.username)).toMatchObject({ ok: false, code: "conflict" });

    expect(await setRole(admin, member.username, "admin")).toMatchObject({ ok: true });
    expect(await tenantDb(cloud).auditEvent.findFirst({ where: { action: "organization.member_role_changed", resourceId: organization.id } })).toMatchObject({
      before: { username: member.username, role: "member" },
      after: { username: member.username, role: "admin" },
    });
    // Two admins demoting each other at once: one wins, an admin remains.
    const results = await Promise.all([setRole(admin, member.username, "member"), setRole(member, admin.username, "member")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await membersOf(organization.id)).filter((m) => m.role === "admin")).toHaveLength(1);

    const [remaining] = (await membersOf(organization.id)).filter((m) => m.role === "admin");
    const other = remaining!.username === admin.username ? member : admin;
    const remover = remaining!.username === admin.username ? admin : member;
    expect(await remove(remover, other.username)).toMatchObject({ ok: true });
    expect((await membersOf(organization.id)).map((m) => m.username)).toEqual([remover.username]);
  });

  it("keeps every organization's people to itself, whatever the attacker names", async () => {
    const { organization: mine } = await sharedCustomer("Attacker Org");
    const { organization: theirs } = await sharedCustomer("Victim Org");
    const attacker = await joined(mine.id, "admin");
    const victim = await joined(theirs.id, "admin");
    const { url } = await createInvitation(cloud, theirs.id, { email: `pending-${RUN}@example.com`, role: "member" }, { kind: "platform" }, TEST_ACTOR);
    const theirInvitation = await tenantDb(cloud).organizationInvitation.findFirstOrThrow({ where: { tokenHash: hashSecret(tokenOf(url)) } });
    const eventsBefore = await tenantDb(cloud).auditEvent.count();

    expect((await organizationsOf(cloud, attacker.username)).map((m) => m.organization.id)).toEqual([mine.id]);
    expect(await membershipBySlug(cloud, theirs.slug, attacker.username)).toBeNull();
    const attempts = [
      () => inviteAction(theirs.id, initialFormState, form({ email: `spy-${RUN}@example.com`, role: "admin" })),
      () => changeOrganizationRoleAction(theirs.id, victim.username, initialFormState, form({ role: "member" })),
      () => removeOrganizationMemberAction(theirs.id, victim.username, initialFormState),
      () => revokeInvitationAction(theirs.id, theirInvitation.id, initialFormState),
      () => resendInvitationAction(theirs.id, theirInvitation.id, initialFormState),
      // Their invitation named under the attacker's own organization is not found either, nor are made-up ids.
      () => revokeInvitationAction(mine.id, theirInvitation.id, initialFormState),
      () => revokeInvitationAction(mine.id, "not-a-uuid", initialFormState),
      () => inviteAction("../../etc", initialFormState, form({ email: `spy-${RUN}@example.com`, role: "admin" })),
    ];
    for (const attempt of attempts) expect(await asRequest(attacker.request, attempt)).toMatchObject({ ok: false, code: "not_found" });
    // Sent to another host, the action finds no workspace there at all (a 404).
    await expect(asRequest({ host: CONSOLE, cookie: attacker.request.cookie }, attempts[0]!)).rejects.toThrow(/404/);

    expect(await membersOf(theirs.id)).toMatchObject([{ username: victim.username, role: "admin" }]);
    expect(await inspectInvitation(cloud, tokenOf(url))).toMatchObject({ state: "valid" });
    expect(await tenantDb(cloud).auditEvent.count()).toBe(eventsBefore);
  });

  it("locks out the organization of a shared customer past its grace, and no other", async () => {
    const late = await sharedCustomer("Late Payer");
    const good = await sharedCustomer("Good Payer");
    const lateAdmin = await joined(late.organization.id, "admin");
    const goodAdmin = await joined(good.organization.id, "admin");
    const invite = (as: typeof lateAdmin, organizationId: string) =>
      asRequest(as.request, () => inviteAction(organizationId, initialFormState, form({ email: `x${suffix()}@example.com`, role: "member" })));

    await changePaymentStanding(late.customerId, { standing: "overdue" }, TEST_ACTOR);
    // Within the grace period nothing changes.
    expect(await organizationAccessDenial(late.customerId)).toBeNull();
    await controlDb().customer.update({ where: { id: late.customerId }, data: { paymentStandingChangedAt: new Date(Date.now() - 30 * 24 * 3600_000) } });
    expect(await organizationAccessDenial(late.customerId)).toMatchObject({ code: "payment_required" });
    expect(await invite(lateAdmin, late.organization.id)).toMatchObject({ ok: false, code: "payment_required", message: expect.stringContaining("Late Payer") });
    expect(await invite(goodAdmin, good.organization.id)).toMatchObject({ ok: true });
    expect(await organizationAccessDenial(good.customerId)).toBeNull();

    // Settling lets them back in at once.
    await changePaymentStanding(late.customerId, { standing: "current" }, TEST_ACTOR);
    expect(await invite(lateAdmin, late.organization.id)).toMatchObject({ ok: true });
  });

  it("is locked by its shared customer's billing switch, and no other organization is", async () => {
    const off = await sharedCustomer("Switched Off");
    const on = await sharedCustomer("Switched On");
    const offAdmin = await joined(off.organization.id, "admin");
    const onAdmin = await joined(on.organization.id, "admin");
    const invite = (as: typeof offAdmin, organizationId: string) =>
      asRequest(as.request, () => inviteAction(organizationId, initialFormState, form({ email: `y${suffix()}@example.com`, role: "member" })));
    const billing = { host: CONSOLE, cookie: await sessionCookie(await rootTenant(), "superadmin", ["superadmin"]) };
    const put = (customerId: string, body: unknown) =>
      call(customerAccess.PUT, { ...billing, path: `/api/v1/customers/${customerId}/access`, method: "PUT", params: { id: customerId }, body });

    expect(await put(off.customerId, { enabled: false })).toMatchObject({ status: 400, body: { code: "validation_failed", fields: { reason: expect.any(String) } } });
    expect(await put(off.customerId, { enabled: false, reason: "Invoice 42 unpaid" })).toMatchObject({
      status: 200,
      body: { accessEnabled: false, disabledReason: "Invoice 42 unpaid", organization: { allowed: false, code: "tenant_suspended" } },
    });
    expect(await controlDb().platformAuditEvent.findFirst({ where: { action: "customer.access_disabled", resourceId: off.customerId } })).toMatchObject({
      actor: "root/superadmin",
    });
    expect(await invite(offAdmin, off.organization.id)).toMatchObject({ ok: false, code: "tenant_suspended", message: expect.stringContaining("Switched Off") });
    expect(await invite(onAdmin, on.organization.id)).toMatchObject({ ok: true });

    expect(await put(off.customerId, { enabled: true })).toMatchObject({ status: 200, body: { accessEnabled: true, organization: { allowed: true, code: null } } });
    expect(await invite(offAdmin, off.organization.id)).toMatchObject({ ok: true });
    // A dedicated customer's switch is its tenant's.
    const { customerId: dedicated } = await createCustomer(businessCustomer(), TEST_ACTOR);
    expect(await put(dedicated, { enabled: false, reason: "x" })).toMatchObject({ status: 409, body: { code: "conflict" } });
  });
});
