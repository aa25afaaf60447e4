import { expect, test, type Browser, type Page } from "@playwright/test";
import { fillBusinessCustomer, hostUrl, idpPort, newBusiness, openConsole, submitLogin } from "./support";

/** Onboards a shared customer on the console; returns the customer page's path and its organization's slug. */
async function onboardShared(page: Page, name: string) {
  const customer = newBusiness(name);
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, customer);
  await page.getByLabel("Shared cloud tenant", { exact: true }).check();
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const panel = page.getByTestId("customer-organization");
  await expect(panel.getByRole("heading", { name: `Organization ${customer.displayName}` })).toBeVisible();
  const slug = (await panel.locator("p span.font-mono").first().textContent())!.trim();
  return { customer, slug, path: new URL(page.url()).pathname };
}

/** Opens an invitation link in a fresh browser, creates the account, and signs in with it. */
async function acceptAsNewPerson(browser: Browser, link: string, username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByRole("status")).toContainText("you are a member now");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(page, username, password);
  await expect(page).toHaveURL(hostUrl("cloud", "/orgs"));
  return page;
}

async function invite(page: Page, email: string, role: "admin" | "member"): Promise<string> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  return (await page.getByTestId("invitation-link").textContent())!.trim();
}

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
