import { expect, test } from "@playwright/test";
import { startTestSmtpServer, type TestSmtpServer } from "../tests/support/smtp-server";
import { hostUrl, onboardTenant, signInToTenant } from "./support";

// Runs only with E2E_SMTP_PORT set (the app then mails through this spec's SMTP server); see playwright.config.ts.
const smtpPort = process.env.E2E_SMTP_PORT;
test.skip(!smtpPort, "set E2E_SMTP_PORT to run the email spec");

let smtp: TestSmtpServer;
test.beforeAll(async () => {
  smtp = await startTestSmtpServer(Number(smtpPort));
});
test.afterAll(async () => smtp?.close());

test("an admin creates a user whose set-password link is mailed; the user sets a password from the mail and signs in", async ({ browser, page }) => {
  const tenant = await onboardTenant(browser);
  await signInToTenant(page, tenant.key, tenant.username, tenant.password, "/users/new");

  await page.getByLabel("Username", { exact: true }).fill("mailed.user");
  await page.getByLabel("Email", { exact: true }).fill("mailed.user@example.com");
  await page.getByLabel(/Give the user a set-password link/).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("set-password-link-sent")).toContainText("Set-password link sent to m***@example.com");
  // Mailed, so not shown: the mail is the only copy.
  await expect(page.getByTestId("set-password-link")).toHaveCount(0);

  await expect.poll(() => smtp.received.filter((m) => m.to.includes("mailed.user@example.com")).length).toBe(1);
  const mail = smtp.received.find((m) => m.to.includes("mailed.user@example.com"))!;
  const link = mail.decoded.match(/http:\/\/[^\s"<>]+\/set-password\/[A-Za-z0-9_-]{43}/)![0];
  expect(link.startsWith(hostUrl(tenant.key, "/set-password/"))).toBe(true);

  const user = await (await browser.newContext()).newPage();
  await user.goto(link);
  await user.getByLabel("New password", { exact: true }).fill("mailed-user-pass-1");
  await user.getByLabel("Repeat the password", { exact: true }).fill("mailed-user-pass-1");
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByRole("status")).toContainText("Your password is set");
  await signInToTenant(user, tenant.key, "mailed.user", "mailed-user-pass-1", "/");

  // A refused address: the admin sees why, and still gets the link to pass on.
  await page.goto(hostUrl(tenant.key, "/users/new"));
  await page.getByLabel("Username", { exact: true }).fill("bounced.user");
  await page.getByLabel("Email", { exact: true }).fill("reject.me@example.com");
  await page.getByLabel(/Give the user a set-password link/).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByTestId("set-password-link-mail-failed")).toContainText("The email to r***@example.com could not be sent");
  await expect(page.getByTestId("set-password-link")).toHaveText(new RegExp(`^http://${tenant.key}\\.localhost:\\d+/set-password/[A-Za-z0-9_-]{43}$`));
});
