// First: it prepares the globals Next's request stores need before anything loads them.
import { asRequest } from "@/tests/support/server-action";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
import { tenantDb } from "@/lib/db/tenant-clients";
import { ProvisioningController } from "@/lib/provisioning/controller";
import { createCustomer } from "@/lib/customers/service";
import { saveBranding } from "@/lib/branding/service";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { createTenantUser } from "@/lib/users/commands";
import { createUserSchema } from "@/lib/users/schema";
import { createUserAction, resetPasswordAction } from "@/lib/edge/actions/users";
import { inspectSetPasswordLink, setPasswordWithLink } from "@/lib/set-password-links/service";
import { cloudTenant } from "@/lib/organizations/cloud";
import { organizationOfCustomer } from "@/lib/organizations/queries";
import { acceptInvitationWithNewAccount, createInvitation, inspectInvitation, resendInvitation } from "@/lib/organizations/invitations";
import { customDomainUrl, tenantUrl } from "@/lib/tenancy/urls";
import { controlDb } from "@/lib/db/control";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { businessCustomer, TEST_ACTOR, TEST_PRINCIPAL } from "@/tests/support/fixtures";
import { closeTestResources, provisionedTenant } from "@/tests/support/tenants";
import { sessionCookie } from "@/tests/support/api";
import { passwordAccepted } from "@/tests/support/identity-login";
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from "@/tests/support/smtp-server";

const SMTP_PORT = Number(process.env.GATEHOUSE_TEST_SMTP_PORT ?? 2525);
/** Nothing listens here: an SMTP server that is down. */
const DOWN_PORT = SMTP_PORT + 1;
const CLIENT = { ip: "203.0.113.5", userAgent: "vitest" };

const controller = new ProvisioningController();
let smtp: TestSmtpServer;
let acme: ResolvedTenant;
let cloud: ResolvedTenant;

const suffix = () => randomBytes(3).toString("hex");
const hostOf = (t: ResolvedTenant) => `${t.key}.localhost:3000`;

function mailTo(url: string | null) {
  if (url) {
    process.env.GATEHOUSE_SMTP_URL = url;
    process.env.GATEHOUSE_MAIL_FROM = "Gatehouse <no-reply@gatehouse.test>";
  } else {
    delete process.env.GATEHOUSE_SMTP_URL;
    delete process.env.GATEHOUSE_MAIL_FROM;
  }
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

/** The one link of `kind` in a received mail (text and HTML carry the same one). */
function linkIn(mail: ReceivedMail, kind: "set-password" | "invitations"): string {
  const links = new Set(mail.decoded.match(new RegExp(`https?://[^\\s"<>]+/${kind}/[A-Za-z0-9_-]{43}`, "g")) ?? []);
  expect(links.size).toBe(1);
  return [...links][0]!;
}

/** Everything the mailer logs from now on (the test logger is silent otherwise). */
function captureLogs(): unknown[] {
  const lines: unknown[] = [];
  const record = (entry: unknown) => void lines.push(entry);
  vi.spyOn(logger(), "child").mockReturnValue({ info: record, warn: record, error: record } as never);
  return lines;
}

async function admin(tenant: ResolvedTenant, roles = ["tenant-admin"]) {
  return { host: hostOf(tenant), cookie: await sessionCookie(tenant, "asha", roles) };
}

beforeAll(async () => {
  smtp = await startTestSmtpServer(SMTP_PORT);
  acme = await provisionedTenant(controller);
  await saveBranding(acme, { settings: { organizationName: "Acme Rockets", tagline: null, primaryColor: "#1e3a8a" } }, TEST_ACTOR);
  cloud = (await cloudTenant())!;
  await controller.reconcile(cloud.id);
  cloud = (await cloudTenant())!;
});

afterEach(() => {
  vi.restoreAllMocks();
  mailTo(null);
  smtp.received.length = 0;
});

afterAll(async () => {
  await smtp.close();
  await closeTestResources(controller);
});

describe("set-password links by email", () => {
  it("mails a new user's link from the tenant's host in its organization's name; the mailed link sets the password", async () => {
    mailTo(smtp.url);
    const logged = captureLogs();
    const state: FormState = await asRequest(await admin(acme), () =>
      createUserAction(null, initialFormState, form({ username: "lena", email: "lena@example.com", tenantRole: "member", passwordMode: "link" })),
    );
    expect(state).toMatchObject({ ok: true, values: { mailOutcome: "sent", mailTo: "l***@example.com", setPasswordUrl: "" } });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual(["lena@example.com"]);
    expect(mail!.raw).toMatch(/^Subject: Set your password for Acme Rockets/m);
    expect(mail!.raw).toMatch(/^From: Gatehouse <no-reply@gatehouse\.test>/m);
    expect(mail!.raw).toContain("Content-Type: text/html");
    const link = linkIn(mail!, "set-password");
    expect(link.startsWith(`${tenantUrl(acme)}/set-password/`)).toBe(true);

    const token = link.split("/set-password/")[1]!;
    // The log says where it went and how, never the address or the link.
    expect(logged).toContainEqual(expect.objectContaining({ recipientDomain: "example.com", outcome: "sent" }));
    expect(JSON.stringify(logged)).not.toMatch(new RegExp(`${token}|lena@`));

    expect(await setPasswordWithLink(acme, token, "lena-chose-this-1", CLIENT)).toEqual({ username: "lena" });
    expect(await passwordAccepted(acme.key, "lena", "lena-chose-this-1")).toBe(true);
  });

  it("mails a new link on a password reset; the earlier mailed link stops working", async () => {
    mailTo(smtp.url);
    const request = await admin(acme);
    await asRequest(request, () => createUserAction(null, initialFormState, form({ username: "rosa", email: "rosa@example.org", tenantRole: "member", passwordMode: "link" })));
    const reset: FormState = await asRequest(request, () => resetPasswordAction(null, "rosa", initialFormState, form({ passwordMode: "link" })));
    expect(reset).toMatchObject({ ok: true, message: expect.stringContaining("mailed"), values: { mailOutcome: "sent", mailTo: "r***@example.org", setPasswordUrl: "" } });
    expect(smtp.received).toHaveLength(2);
    const [first, second] = smtp.received.map((m) => linkIn(m, "set-password").split("/set-password/")[1]!);
    expect(await inspectSetPasswordLink(acme, first!)).toEqual({ state: "superseded" });
    expect(await inspectSetPasswordLink(acme, second!)).toMatchObject({ state: "valid", username: "rosa" });
  });

  it("links to the tenant's verified custom domain when it has one; a pending one does not count", async () => {
    mailTo(smtp.url);
    const tenant = await provisionedTenant(controller);
    const verified = `login.${tenant.key}.example.com`;
    await controlDb().tenantDomain.create({ data: { hostname: `pending.${tenant.key}.example.com`, tenantId: tenant.id } });
    await createTenantUser(tenant, createUserSchema.parse({ username: "before", email: "before@example.com", passwordMode: "link" }), TEST_PRINCIPAL, TEST_ACTOR);
    expect(linkIn(smtp.received.at(-1)!, "set-password").startsWith(`${tenantUrl(tenant)}/set-password/`)).toBe(true);

    await controlDb().tenantDomain.create({ data: { hostname: verified, tenantId: tenant.id, verifiedAt: new Date() } });
    await createTenantUser(tenant, createUserSchema.parse({ username: "after", email: "after@example.com", passwordMode: "link" }), TEST_PRINCIPAL, TEST_ACTOR);
    const link = linkIn(smtp.received.at(-1)!, "set-password");
    expect(link.startsWith(`${customDomainUrl(verified)}/set-password/`)).toBe(true);
    expect(await inspectSetPasswordLink(tenant, link.split("/set-password/")[1]!)).toMatchObject({ state: "valid", username: "after" });
  });

  it("shows the link when the user has no email address, and sends nothing", async () => {
    mailTo(smtp.url);
    const state: FormState = await asRequest(await admin(acme), () =>
      createUserAction(null, initialFormState, form({ username: "noemail", tenantRole: "member", passwordMode: "link" })),
    );
    expect(state).toMatchObject({ ok: true, values: { mailOutcome: "no_address", setPasswordUrl: expect.stringContaining("/set-password/") } });
    expect(smtp.received).toHaveLength(0);
    expect(await inspectSetPasswordLink(acme, state.values.setPasswordUrl!.split("/set-password/")[1]!)).toMatchObject({ state: "valid" });
  });

  it("keeps the link and records the failure when the SMTP server is down", async () => {
    mailTo(`smtp://127.0.0.1:${DOWN_PORT}`);
    const request = await admin(acme);
    await createTenantUser(acme, createUserSchema.parse({ username: "dora", email: "dora@example.net", passwordMode: "none" }), TEST_PRINCIPAL, TEST_ACTOR);
    const state: FormState = await asRequest(request, () => resetPasswordAction(null, "dora", initialFormState, form({ passwordMode: "link" })));
    expect(state).toMatchObject({ ok: true, values: { mailOutcome: "failed", mailTo: "d***@example.net", mailError: expect.stringMatching(/ECONNREFUSED|connect/i) } });
    const token = state.values.setPasswordUrl!.split("/set-password/")[1]!;
    expect(await inspectSetPasswordLink(acme, token)).toMatchObject({ state: "valid", username: "dora" });

    const failure = await tenantDb(acme).auditEvent.findFirst({ where: { action: "user.set_password_email_failed", resourceId: "dora" } });
    expect(failure).toMatchObject({ actor: `${acme.key}/asha`, after: { recipientDomain: "example.net", error: expect.any(String) } });
    expect(JSON.stringify(failure!.after)).not.toContain(token);
    expect(await setPasswordWithLink(acme, token, "dora-chose-this-1", CLIENT)).toEqual({ username: "dora" });
  });

  it("sends nothing without mail configuration and shows the link, saying why", async () => {
    const state: FormState = await asRequest(await admin(acme), () =>
      createUserAction(null, initialFormState, form({ username: "quiet", email: "quiet@example.com", tenantRole: "member", passwordMode: "link" })),
    );
    expect(state).toMatchObject({ ok: true, values: { mailOutcome: "not_configured", setPasswordUrl: expect.stringContaining(`${tenantUrl(acme)}/set-password/`) } });
    expect(smtp.received).toHaveLength(0);
    expect(await tenantDb(acme).auditEvent.count({ where: { action: "user.set_password_email_failed", resourceId: "quiet" } })).toBe(0);
  });

  it("sends no mail for someone who may not reset passwords", async () => {
    mailTo(smtp.url);
    await createTenantUser(acme, createUserSchema.parse({ username: "target", email: "target@example.com", passwordMode: "none" }), TEST_PRINCIPAL, TEST_ACTOR);
    const refused = await asRequest(await admin(acme, ["member"]), () => resetPasswordAction(null, "target", initialFormState, form({ passwordMode: "link" })));
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    const other = await provisionedTenant(controller);
    const crossTenant = await asRequest({ host: hostOf(acme), cookie: await sessionCookie(other, "asha", ["tenant-admin"]) }, () =>
      resetPasswordAction(null, "target", initialFormState, form({ passwordMode: "link" })),
    );
    expect(crossTenant).toMatchObject({ ok: false });
    expect(smtp.received).toHaveLength(0);
  });
});

describe("organization invitations by email", () => {
  async function organization() {
    const name = `Tiny Traders ${suffix()}`;
    const { customerId } = await createCustomer(businessCustomer({ displayName: name, tenancy: "shared", verificationStatus: "pending" }), TEST_ACTOR);
    return (await organizationOfCustomer(cloud, customerId))!;
  }

  it("mails the invitation in the organization's name; the mailed link is accepted with a new account", async () => {
    mailTo(smtp.url);
    const org = await organization();
    const username = `ivy${suffix()}`;
    const issued = await createInvitation(cloud, org.id, { email: `${username}@example.com`, role: "admin" }, { kind: "platform" }, TEST_ACTOR);
    expect(issued.delivery).toEqual({ outcome: "sent", to: `i***@example.com` });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail!.to).toEqual([`${username}@example.com`]);
    expect(mail!.decoded).toContain(`You are invited to join ${org.name} as an admin`);
    const link = linkIn(mail!, "invitations");
    expect(link.startsWith(`${tenantUrl(cloud)}/invitations/`)).toBe(true);

    await acceptInvitationWithNewAccount(cloud, link.split("/invitations/")[1]!, { username, password: "a-good-password-1" }, CLIENT);
    expect(await tenantDb(cloud).organizationMember.findUnique({ where: { organizationId_username: { organizationId: org.id, username } } })).toMatchObject({ role: "admin" });
    expect(await passwordAccepted(cloud.key, username, "a-good-password-1")).toBe(true);
  });

  it("mails a new link when the invitation is sent again; the old mailed link stops working", async () => {
    mailTo(smtp.url);
    const org = await organization();
    const issued = await createInvitation(cloud, org.id, { email: "again@example.com", role: "member" }, { kind: "platform" }, TEST_ACTOR);
    await resendInvitation(cloud, org.id, issued.id, { kind: "platform" }, TEST_ACTOR);
    expect(smtp.received).toHaveLength(2);
    const [first, second] = smtp.received.map((m) => linkIn(m, "invitations").split("/invitations/")[1]!);
    expect(await inspectInvitation(cloud, first!)).toEqual({ state: "invalid" });
    expect(await inspectInvitation(cloud, second!)).toMatchObject({ state: "valid", email: "again@example.com" });
  });

  it("keeps the invitation and its link when the SMTP server is down, and records the failure", async () => {
    mailTo(`smtp://127.0.0.1:${DOWN_PORT}`);
    const org = await organization();
    const issued = await createInvitation(cloud, org.id, { email: "lost@example.com", role: "member" }, { kind: "platform" }, TEST_ACTOR);
    expect(issued.delivery).toMatchObject({ outcome: "failed", to: "l***@example.com" });
    expect(await inspectInvitation(cloud, issued.url.split("/invitations/")[1]!)).toMatchObject({ state: "valid" });
    expect(await tenantDb(cloud).auditEvent.findFirst({ where: { action: "invitation.email_failed", resourceId: issued.id } })).toMatchObject({
      after: { recipientDomain: "example.com" },
    });
  });

  it("sends nothing without mail configuration", async () => {
    const org = await organization();
    const issued = await createInvitation(cloud, org.id, { email: "plain@example.com", role: "member" }, { kind: "platform" }, TEST_ACTOR);
    expect(issued.delivery).toEqual({ outcome: "not_configured" });
    expect(smtp.received).toHaveLength(0);
  });
});
