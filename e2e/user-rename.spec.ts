import { expect, test } from "@playwright/test";
import { hostUrl, idpPort, onboardTenant, signInToTenant, submitLogin } from "./support";

test("an admin renames a user after a confirmation naming both names; memberships follow, the old session ends, the new name signs in", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  await admin.goto(hostUrl(tenant.key, "/org-units/new"));
  await admin.getByLabel("Identifier", { exact: true }).fill("sales");
  await admin.getByLabel("Name", { exact: true }).fill("Sales");
  await admin.getByRole("button", { name: "Create org unit" }).click();
  await expect(admin.getByRole("heading", { name: "Sales", level: 1 })).toBeVisible();
  const orgUnitUrl = admin.url();

  await admin.goto(hostUrl(tenant.key, "/users/new"));
  await admin.getByLabel("Username", { exact: true }).fill("meera");
  await admin.getByLabel("Set the password now").check();
  await admin.getByLabel("Password", { exact: true }).fill("meera-password-123");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users/meera"));
  await admin.goto(orgUnitUrl);
  const addMember = admin.getByRole("form", { name: "Add a member to sales" });
  await addMember.getByLabel("Username", { exact: true }).fill("meera");
  await addMember.getByRole("button", { name: "Add" }).click();
  await expect(admin.getByTestId("member-meera")).toBeVisible();

  const user = await (await browser.newContext()).newPage();
  await signInToTenant(user, tenant.key, "meera", "meera-password-123", "/profile");
  await expect(user.getByTestId("profile-username")).toHaveText("meera");

  // A taken name is refused next to the field; nothing changes.
  await admin.goto(hostUrl(tenant.key, "/users/meera"));
  await admin.getByLabel("New username", { exact: true }).fill(tenant.username);
  await admin.getByRole("button", { name: "Rename…" }).click();
  await expect(admin.getByRole("alertdialog")).toContainText(`Rename meera to ${tenant.username}?`);
  await admin.getByRole("button", { name: `Rename to ${tenant.username}` }).click();
  await expect(admin.getByText("A user with this username already exists.")).toBeVisible();

  // Cancel keeps the name; confirming renames and goes to the user's new page.
  await admin.getByLabel("New username", { exact: true }).fill("meera.iyer");
  await admin.getByRole("button", { name: "Rename…" }).click();
  await admin.getByRole("button", { name: "Cancel" }).click();
  await expect(admin.getByRole("alertdialog")).toHaveCount(0);
  await admin.getByRole("button", { name: "Rename…" }).click();
  await expect(admin.getByRole("alertdialog")).toContainText("Rename meera to meera.iyer?");
  await admin.getByRole("button", { name: "Rename to meera.iyer" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users/meera.iyer"));
  await expect(admin.getByRole("heading", { name: "meera.iyer", level: 1 })).toBeVisible();
  await expect(admin.getByText("sync: synced")).toBeVisible();
  await expect(admin.getByRole("link", { name: "Sales", exact: true })).toBeVisible();

  // The session from before the rename is refused; the old name no longer signs in, the new one does.
  await user.goto(hostUrl(tenant.key, "/profile"));
  await user.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(user, "meera", "meera-password-123");
  await expect(user.getByRole("alert")).toContainText("Invalid username or password");
  await submitLogin(user, "meera.iyer", "meera-password-123");
  await expect(user.getByTestId("profile-username")).toHaveText("meera.iyer");
});
