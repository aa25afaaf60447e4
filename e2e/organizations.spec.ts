import { expect, test } from "@playwright/test";
import { acceptAsNewPerson, hostUrl, invite, onboardShared } from "./support";

test("a shared customer's organization gets its first admin from the console, who invites a member", async ({ browser, page }) => {
  const suffix = Date.now().toString(36);
  const { customer, slug, path } = await onboardShared(page, "Cloud Org");
  const other = await onboardShared(page, "Other Org");

  // The superadmin invites the first admin from the customer page.
  await page.goto(`http://console.localhost:${new URL(page.url()).port}${path}`);
  const firstLink = await invite(page, `owner-${suffix}@example.com`, "admin");
  expect(firstLink).toMatch(/^http:\/\/cloud\.localhost:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);

  const admin = await acceptAsNewPerson(browser, firstLink, `owner-${suffix}`, "owner-password-1");
  await admin.getByRole("link", { name: customer.displayName }).click();
  await expect(admin.getByTestId("organization-name")).toHaveText(customer.displayName);
  const secondLink = await invite(admin, `member-${suffix}@example.com`, "member");
  await expect(admin.getByTestId(`invitation-member-${suffix}@example.com`)).toContainText("Open");

  // The used link says so.
  await admin.goto(firstLink);
  await expect(admin.getByTestId("invitation-problem")).toContainText("already been accepted");

  const member = await acceptAsNewPerson(browser, secondLink, `member-${suffix}`, "member-password-1");
  await expect(member.getByRole("table", { name: "Your organizations" }).getByRole("row")).toHaveCount(2); // header + one
  await member.getByRole("link", { name: customer.displayName }).click();
  await expect(member.getByTestId(`org-member-owner-${suffix}`)).toContainText("Admin");
  await expect(member.getByTestId(`org-member-member-${suffix}`)).toContainText("Member");
  // A member reads; only admins invite.
  await expect(member.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);

  // Another organization's page does not exist for them.
  const response = await member.goto(hostUrl("cloud", `/orgs/${other.slug}`));
  expect(response?.status()).toBe(404);

  // The superadmin sees both members on the console.
  await page.goto(`http://console.localhost:${new URL(page.url()).port}${path}`);
  await expect(page.getByTestId(`org-member-owner-${suffix}`)).toBeVisible();
  await expect(page.getByTestId(`org-member-member-${suffix}`)).toBeVisible();
  expect(slug).not.toBe(other.slug);

  // Billing disables this customer: its organization's members see why; the other organization is not touched.
  const accessForm = page.getByRole("form", { name: "Organization access" });
  await accessForm.getByLabel("Access", { exact: true }).selectOption("false");
  await accessForm.getByLabel("Reason", { exact: true }).fill("Invoice 7 unpaid");
  await accessForm.getByRole("button", { name: "Change organization access…" }).click();
  await accessForm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("organization-access")).toContainText("Locked");
  await member.goto(hostUrl("cloud", `/orgs/${slug}`));
  await expect(member.getByTestId("organization-locked")).toContainText("Invoice 7 unpaid");
  await expect(member.getByTestId(`org-member-owner-${suffix}`)).toHaveCount(0);
  await page.goto(`http://console.localhost:${new URL(page.url()).port}${other.path}`);
  await expect(page.getByTestId("organization-access")).toContainText("get in");
});
