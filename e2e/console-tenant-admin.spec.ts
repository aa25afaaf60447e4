import { expect, test } from "@playwright/test";
import { consoleUrl, hostUrl, onboardTenant, openConsole, signInToTenant } from "./support";

test("a superadmin creates a user and an org unit in a tenant from the console, and the user signs in there", async ({ browser, page }) => {
  const tenant = await onboardTenant(browser);

  // From the tenant's console page to its users.
  await openConsole(page, `/tenants?q=${tenant.key}`);
  await page.locator(`a[href^="/tenants/"]`, { hasText: tenant.displayName }).click();
  await page.getByRole("navigation", { name: "Administer this tenant" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: tenant.username })).toBeVisible();
  const tenantBase = new URL(page.url()).pathname.replace(/\/users$/, "");
  expect(tenantBase).toMatch(/^\/tenants\/[0-9a-f-]{36}$/);

  // A user who gets a set-password link (shown once, to pass on).
  await page.getByRole("link", { name: "Create user" }).click();
  await page.getByLabel("Username", { exact: true }).fill("console.user");
  await page.getByLabel("Email", { exact: true }).fill("console.user@example.com");
  await page.getByLabel(/Give the user a set-password link/).check();
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Not mailed: email is not configured on this Gatehouse.")).toBeVisible();
  const linkBox = page.getByTestId("set-password-link");
  await expect(linkBox).toHaveText(new RegExp(`^http://${tenant.key}\\.localhost:\\d+/set-password/[A-Za-z0-9_-]{43}$`));
  const setPasswordUrl = (await linkBox.textContent())!.trim();
  await page.getByRole("link", { name: "Go to the user" }).click();
  await expect(page).toHaveURL(consoleUrl(`${tenantBase}/users/console.user`));
  await expect(page.getByText("sync: synced")).toBeVisible();

  // An org unit, and the user in it as an admin of the OU.
  await page.getByRole("navigation", { name: "Tenant administration" }).getByRole("link", { name: "Org units" }).click();
  await expect(page.getByText("No org units yet")).toBeVisible();
  await page.getByRole("link", { name: "Create org unit" }).click();
  await page.getByLabel("Identifier", { exact: true }).fill("support");
  await page.getByLabel("Name", { exact: true }).fill("Support");
  await page.getByRole("button", { name: "Create org unit" }).click();
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${tenantBase}/org-units/[0-9a-f-]{36}$`));
  const addMember = page.getByRole("form", { name: "Add a member to support" });
  await addMember.getByLabel("Username", { exact: true }).fill("console.user");
  await addMember.getByLabel("Role", { exact: true }).selectOption("admin");
  await addMember.getByRole("button", { name: "Add" }).click();
  await expect(page.getByTestId("member-console.user")).toBeVisible();

  // Both are listed in the console…
  await page.getByRole("navigation", { name: "Tenant administration" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("link", { name: "console.user" })).toBeVisible();
  await page.getByRole("navigation", { name: "Tenant administration" }).getByRole("link", { name: "Org units" }).click();
  await expect(page.getByRole("link", { name: "Support" })).toBeVisible();

  // An API key for the tenant, made from the console.
  await page.getByRole("navigation", { name: "Tenant administration" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("No API keys yet.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("from-console");
  await page.getByLabel("user:list", { exact: true }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("api-key-secret")).toHaveText(/^ghk_/);
  await expect(page.getByTestId("api-key-row").filter({ hasText: "from-console" })).toContainText("root/superadmin");

  // …and the user is real in the tenant: they choose a password with the link, sign in on its host
  // and see the org unit they administer.
  const user = await (await browser.newContext()).newPage();
  await user.goto(setPasswordUrl);
  await expect(user.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await user.getByLabel("New password", { exact: true }).fill("console-user-pass-1");
  await user.getByLabel("Repeat the password", { exact: true }).fill("console-user-pass-2");
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByText("The two passwords differ")).toBeVisible();
  await user.getByLabel("New password", { exact: true }).fill("console-user-pass-1");
  await user.getByLabel("Repeat the password", { exact: true }).fill("console-user-pass-1");
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByRole("status")).toContainText("Your password is set");
  await signInToTenant(user, tenant.key, "console.user", "console-user-pass-1", "/org-units");
  await expect(user.getByRole("link", { name: "Support" })).toBeVisible();

  // As a member they cannot list the tenant's users; the superadmin makes them an auditor, which
  // counts from their next request.
  await user.goto(hostUrl(tenant.key, "/users"));
  await expect(user.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.goto(consoleUrl(`${tenantBase}/users/console.user`));
  await page.getByLabel("Role in this workspace", { exact: true }).selectOption("auditor");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText("Role saved")).toBeVisible();
  await user.reload();
  await expect(user.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await expect(user.getByRole("link", { name: tenant.username })).toBeVisible();

  // The link is used up.
  await user.goto(setPasswordUrl);
  await expect(user.getByTestId("link-problem")).toContainText("already been used");
});
