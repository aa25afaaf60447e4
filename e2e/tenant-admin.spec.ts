import { expect, test } from "@playwright/test";
import { hostUrl, idpPort, onboardTenant, signInToTenant, submitLogin } from "./support";

test("a tenant admin creates an OU and a user, makes the user an auditor of the OU, disables them, and their sign-in is refused", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  // An org unit.
  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Org units" }).click();
  await admin.getByRole("link", { name: "Create org unit" }).click();
  await admin.getByLabel("Identifier", { exact: true }).fill("finance");
  await admin.getByLabel("Name", { exact: true }).fill("Finance");
  await admin.getByLabel("Metadata", { exact: true }).fill("cost-centre=4200");
  await admin.getByRole("button", { name: "Create org unit" }).click();
  await expect(admin.getByRole("heading", { name: "Finance", level: 1 })).toBeVisible();
  const orgUnitUrl = admin.url();

  // A user with a password the admin sets.
  await admin.goto(hostUrl(tenant.key, "/users/new"));
  await admin.getByLabel("Username", { exact: true }).fill("ravi");
  await admin.getByLabel("Email", { exact: true }).fill("ravi@example.com");
  await admin.getByLabel("First name", { exact: true }).fill("Ravi");
  await admin.getByLabel("Set the password now").check();
  await admin.getByLabel("Password", { exact: true }).fill("ravi-password-123");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users/ravi"));
  await expect(admin.getByText("sync: synced")).toBeVisible();

  // Member of the OU as auditor.
  await admin.goto(orgUnitUrl);
  const addMember = admin.getByRole("form", { name: "Add a member to finance" });
  await addMember.getByLabel("Username", { exact: true }).fill("ravi");
  await addMember.getByLabel("Role", { exact: true }).selectOption("auditor");
  await addMember.getByRole("button", { name: "Add" }).click();
  await expect(admin.getByTestId("member-ravi")).toContainText("Auditor");

  // The user can sign in while enabled…
  const user = await (await browser.newContext()).newPage();
  await signInToTenant(user, tenant.key, "ravi", "ravi-password-123", "/profile");
  await expect(user.getByTestId("profile-username")).toHaveText("ravi");

  // …then the admin disables them.
  await admin.goto(hostUrl(tenant.key, "/users/ravi"));
  await admin.getByRole("button", { name: "Disable user" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "User disabled" })).toBeVisible();

  // Their open session is refused on the next request, and signing in again is refused.
  await user.goto(hostUrl(tenant.key, "/profile"));
  await user.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(user, "ravi", "ravi-password-123");
  await expect(user.getByRole("alert")).toContainText("Your account is disabled");
});
