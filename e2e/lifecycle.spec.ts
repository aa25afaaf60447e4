import { expect, test, type Page } from "@playwright/test";
import { hostUrl, onboardTenant, openConsole, signInToTenant } from "./support";

/** Picks a lifecycle action on the console's tenant page, gives a reason and types the key to confirm. */
async function changeLifecycle(page: Page, key: string, action: "Suspend" | "Resume" | "Archive" | "Delete" | "Restore", reason: string) {
  await page.getByRole("button", { name: `${action}…` }).click();
  const dialog = page.getByRole("dialog", { name: `${action} the tenant ${key}?` });
  await expect(dialog).toBeVisible();
  // Focus lands on the first field; the confirm button is disabled and says why until the key is typed.
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  const confirm = dialog.getByRole("button", { name: `${action} ${key}` });
  await expect(confirm).toBeDisabled();
  await expect(confirm).toHaveAccessibleDescription(`Type “${key}” to confirm`);
  await expect(dialog.getByTestId("blocked-reason")).toHaveText(`Type “${key}” to confirm`);
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByLabel(`Type “${key}” to confirm`).fill(`${key}-typo`);
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type “${key}” to confirm`).fill(key);
  await confirm.click();
  await expect(dialog).toBeHidden();
}

test("the superadmin suspends a tenant, deletes it and restores it within retention; its subdomain is closed meanwhile and its login works again", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const operator = await (await browser.newContext()).newPage();
  await openConsole(operator, `/tenants?q=${tenant.key}`);
  await operator.getByRole("main").getByRole("link", { name: tenant.displayName }).first().click();
  const lifecycle = operator.getByTestId("lifecycle");
  await expect(lifecycle.getByTestId("lifecycle-state")).toHaveText("Active");

  // Usage against quota, as bars.
  const bars = operator.getByTestId("quota-bars");
  await expect(bars.getByRole("meter")).toHaveCount(4);
  await expect(operator.getByTestId("quota-users")).toContainText("1 of");

  // The tenant's own rate limits: a bad value is refused next to its field; a good one is saved and shown.
  const rateLimits = operator.getByRole("region", { name: "Rate limits" });
  await rateLimits.getByLabel("Requests per minute, per key or user").fill("lots");
  await rateLimits.getByRole("button", { name: "Save rate limits" }).click();
  await expect(rateLimits.getByText("Enter a whole number, or leave empty for the platform's limit.")).toBeVisible();
  await rateLimits.getByLabel("Requests per minute, per key or user").fill("120");
  await rateLimits.getByRole("button", { name: "Save rate limits" }).click();
  await expect(rateLimits.getByText("Rate limits saved.", { exact: false })).toBeVisible();
  await expect(rateLimits).toContainText("120 per key or user");

  // Cancelling a dialog (Escape) puts focus back on the button that opened it.
  await operator.getByRole("button", { name: "Suspend…" }).click();
  await expect(operator.getByRole("dialog").getByLabel("Reason")).toBeFocused();
  await operator.keyboard.press("Escape");
  await expect(operator.getByRole("dialog")).toBeHidden();
  await expect(operator.getByRole("button", { name: "Suspend…" })).toBeFocused();

  // Suspend: the workspace's subdomain shows the unavailable page.
  await changeLifecycle(operator, tenant.key, "Suspend", "Unpaid invoice INV-42");
  await expect(lifecycle.getByTestId("lifecycle-state")).toHaveText("Suspended");
  await expect(lifecycle).toContainText("Unpaid invoice INV-42");
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(hostUrl(tenant.key, "/"));
  await expect(visitor.getByTestId("tenant-status")).toHaveText("Workspace suspended");

  // Delete: restorable until the retention deadline shown on the page.
  await changeLifecycle(operator, tenant.key, "Delete", "Customer asked to close the account");
  await expect(lifecycle.getByTestId("lifecycle-state")).toHaveText("Deleted");
  await expect(lifecycle.getByTestId("purge-after")).toContainText("UTC");
  await visitor.reload();
  await expect(visitor.getByTestId("tenant-status")).toHaveText("Workspace deleted");

  // Restore returns it to where it was (suspended), then resume it.
  await changeLifecycle(operator, tenant.key, "Restore", "Customer changed their mind");
  await expect(lifecycle.getByTestId("lifecycle-state")).toHaveText("Suspended");
  await changeLifecycle(operator, tenant.key, "Resume", "Invoice paid");
  await expect(lifecycle.getByTestId("lifecycle-state")).toHaveText("Active");

  // The tenant's admin signs in again.
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);
  await expect(admin.getByTestId("workspace-name")).toHaveText(tenant.displayName);
  await expect(admin.getByTestId("quota-bars").getByRole("meter")).toHaveCount(4);

  // …and exports the workspace's data, with the progress shown until the file is saved.
  const download = admin.waitForEvent("download");
  await admin.getByRole("button", { name: "Export data" }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^${tenant.key}-export-.*\\.zip$`));
  await expect(admin.getByText(/^Downloaded .*\.zip\.$/)).toBeVisible();
});

test("the root tenant cannot be suspended from its page", async ({ page }) => {
  await openConsole(page, "/tenants?q=root");
  await page.getByRole("main").getByRole("link", { name: "Gatehouse Console" }).click();
  await expect(page.getByTestId("lifecycle")).toContainText("cannot be suspended, archived or deleted");
  await expect(page.getByRole("button", { name: "Suspend…" })).toHaveCount(0);
});
