import { expect, test } from "@playwright/test";
import { chooseNewPassword, consoleUrl, fillBusinessCustomer, fillCustomerRecord, hostUrl, idpPort, newBusiness, openConsole, submitLogin } from "./support";

test("a superadmin onboards a business customer and its tenant answers on its own subdomain", async ({ page }) => {
  const customer = newBusiness();
  await openConsole(page, "/customers/new");
  await expect(page.getByRole("heading", { name: "Onboard a customer" })).toBeVisible();

  // A dedicated tenant is offered once verification is completed; the key is suggested from the name until edited by hand.
  await page.getByLabel("Display name", { exact: true }).fill("Zenith Labs");
  await expect(page.getByLabel("Dedicated tenant", { exact: true })).toBeDisabled();
  await expect(page.getByTestId("tenancy-rule")).toHaveText(/A dedicated tenant needs the KYC\/KYB status “Completed”/);
  await page.getByLabel("KYC / KYB status", { exact: true }).selectOption("completed");
  await page.getByLabel("Dedicated tenant", { exact: true }).check();
  await expect(page.getByLabel("Tenant key", { exact: true })).toHaveValue("zenith-labs");

  await fillBusinessCustomer(page, customer);
  await page.getByRole("button", { name: "Onboard customer" }).click();

  await expect(page).toHaveURL(/\/tenants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: customer.displayName })).toBeVisible();
  const status = page.getByTestId("tenant-status");
  await expect(status).toContainText("Active", { timeout: 30_000 });
  await expect(status).toContainText("6 of 6 steps done");
  await expect(page.locator("[data-step='database.create']")).toHaveAttribute("data-status", "done");
  for (const step of ["database.create", "database.migrate", "realm.ensure", "client.ensure", "roles.sync", "admin.ensure"]) {
    await expect(page.locator(`[data-step='${step}']`)).toHaveAttribute("data-status", "done");
  }
  await expect(page.locator("[data-step='database.migrate']")).toContainText("1 attempt");

  // The operator's next step comes first: the break-glass admin's password, shown once, then never again.
  await expect(page.getByRole("region").first()).toHaveAccessibleName("Break-glass admin");
  await page.getByRole("button", { name: "Show initial password once" }).click();
  const password = (await page.getByTestId("initial-password").textContent())!.trim();
  const username = (await page.getByTestId("break-glass-username").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);
  await page.reload();
  await expect(page.getByText("The initial password was already shown once.")).toBeVisible();

  // Sign in on the tenant's own subdomain; the login page carries the tenant's name.
  const tenant = await page.context().browser()!.newContext();
  const tenantPage = await tenant.newPage();
  await tenantPage.goto(hostUrl(customer.key));
  await tenantPage.waitForURL((url) => url.port === String(idpPort));
  await expect(tenantPage.getByRole("heading", { name: customer.displayName })).toBeVisible();
  await submitLogin(tenantPage, username, password);
  await chooseNewPassword(tenantPage, `${password}-mine`); // a one-time password
  await expect(tenantPage).toHaveURL(hostUrl(customer.key));
  await expect(tenantPage.getByTestId("workspace-name")).toHaveText(customer.displayName);
  await expect(tenantPage.getByRole("heading", { name: customer.displayName })).toBeVisible();
  await expect(tenantPage.getByText(/You administer this workspace/)).toBeVisible();
  await expect(tenantPage).toHaveTitle(customer.displayName);
  await tenant.close();

  // A lost password: the operator issues a new one-time password after typing the tenant key.
  await page.getByRole("button", { name: "Issue a new initial password" }).click();
  const dialog = page.getByRole("dialog", { name: "Issue a new initial password" });
  await expect(dialog.getByRole("button", { name: "Issue new password" })).toBeDisabled();
  await dialog.getByLabel(`Type “${customer.key}” to confirm`, { exact: true }).fill(customer.key);
  await dialog.getByRole("button", { name: "Issue new password" }).click();
  const reissued = (await page.getByTestId("initial-password").textContent())!.trim();
  expect(reissued).not.toBe(password);
  const again = await page.context().browser()!.newContext();
  const againPage = await again.newPage();
  await againPage.goto(hostUrl(customer.key));
  await againPage.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(againPage, username, reissued);
  await chooseNewPassword(againPage, `${reissued}-mine`);
  await expect(againPage.getByTestId("workspace-name")).toHaveText(customer.displayName);
  await again.close();

  // It is listed with its customer and steps, and found by key.
  await page.goto(consoleUrl(`/tenants?q=${customer.key}`));
  const row = page.getByRole("row", { name: new RegExp(customer.key) });
  await expect(row).toContainText(customer.displayName);
  await expect(row).toContainText("Active");
});

test("the form's defaults onboard a shared customer on the first submit; a second customer with its PAN is a warning the operator confirms", async ({ page }) => {
  const customer = newBusiness("Default Traders");
  await openConsole(page, "/customers/new");
  await fillCustomerRecord(page, customer); // verification and tenancy left as they are
  await expect(page.getByLabel("KYC / KYB status", { exact: true })).toHaveValue("pending");
  await expect(page.getByLabel("Shared cloud tenant", { exact: true })).toBeChecked();
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const firstPath = new URL(page.url()).pathname;

  const again = { ...newBusiness("Second Entry"), pan: customer.pan, gstin: "" };
  await page.goto(consoleUrl("/customers/new"));
  await fillCustomerRecord(page, again);
  await page.getByRole("button", { name: "Onboard customer" }).click();
  const warning = page.getByTestId("duplicate-warning");
  await expect(warning).toContainText(`${customer.displayName} already has this PAN`);
  await expect(page.locator("[data-field-error='pan']")).toHaveText(`Already the PAN of ${customer.displayName}.`);
  await expect(warning.getByRole("link", { name: `Open ${customer.displayName}` })).toHaveAttribute("href", firstPath);
  await expect(page).toHaveURL(consoleUrl("/customers/new")); // nothing written yet
  await warning.getByRole("button", { name: "Onboard anyway" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  expect(new URL(page.url()).pathname).not.toBe(firstPath);
  await expect(page.getByRole("heading", { name: again.displayName, level: 1 })).toBeVisible();
});

test("a GSTIN of another state than the address is refused next to the GSTIN", async ({ page }) => {
  const customer = newBusiness("Wrong State");
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, customer);
  await page.getByLabel("State", { exact: true }).selectOption("Kerala");
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page.locator("[data-field-error='gstin']")).toHaveText("This GSTIN's state code 29 is Karnataka, but the address is in Kerala");
  await expect(page.getByLabel("GSTIN", { exact: true })).toBeFocused();
  await expect(page.getByLabel("State", { exact: true })).toHaveValue("Kerala"); // kept as chosen
  await expect(page).toHaveURL(consoleUrl("/customers/new"));
});

test("an invalid GSTIN is shown next to its field and nothing is written", async ({ page }) => {
  const customer = newBusiness("Broken Gstin");
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, { ...customer, gstin: customer.gstin.slice(0, 14) + (customer.gstin.endsWith("A") ? "B" : "A") });
  await page.getByRole("button", { name: "Onboard customer" }).click();

  const gstin = page.getByLabel("GSTIN", { exact: true });
  await expect(page.locator("[data-field-error='gstin']")).toHaveText(/check character is wrong/i);
  await expect(gstin).toHaveAttribute("aria-invalid", "true");
  await expect(gstin).toBeFocused();
  await expect(page.getByLabel("Legal name", { exact: true })).toHaveValue(customer.legalName); // the form keeps what was typed
  await expect(page).toHaveURL(consoleUrl("/customers/new"));

  await page.goto(consoleUrl(`/customers?q=${encodeURIComponent(customer.displayName)}`));
  await expect(page.getByText(`No customer matches “${customer.displayName}”.`)).toBeVisible();
  await page.goto(consoleUrl(`/tenants?q=${customer.key}`));
  await expect(page.getByText(`No tenant matches “${customer.key}”.`)).toBeVisible();
});

test("an unknown subdomain gets the unknown-workspace page with HTTP 404", async ({ page }) => {
  const response = await page.goto(hostUrl("no-such-workspace"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /There is no workspace at no-such-workspace\.localhost/ })).toBeVisible();

  const reserved = await page.goto(hostUrl("root"));
  expect(reserved?.status()).toBe(404);
});

test("a failed database step shows its error and a retry button; fixing the cause and retrying activates the tenant", async ({ page }) => {
  const customer = newBusiness("Stuck Cluster");
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, customer, { databaseUrl: "postgresql://nobody:secret@127.0.0.1:1/postgres" });
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page).toHaveURL(/\/tenants\//);

  await expect(page.getByTestId("step-error").first()).toContainText(/ECONNREFUSED|connect/i, { timeout: 30_000 });
  await expect(page.locator("[data-step='database.create']")).toHaveAttribute("data-status", "failed");
  await expect(page.getByText("nobody:****@127.0.0.1:1")).toBeVisible(); // the cluster password is never shown

  // Meanwhile its subdomain says the workspace is not ready.
  const tenantPage = await page.context().newPage();
  await tenantPage.goto(hostUrl(customer.key));
  await expect(tenantPage.getByRole("heading", { name: `${customer.displayName} is being set up` })).toBeVisible();
  await tenantPage.close();

  await page.getByLabel("Dedicated cluster URL", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save cluster" }).click();
  await expect(page.getByText("Cluster saved.")).toBeVisible();
  await page.getByRole("button", { name: "Retry failed step" }).click();
  await expect(page.getByTestId("tenant-status")).toContainText("Active", { timeout: 30_000 });

  await page.goto(hostUrl(customer.key));
  await expect(page.getByRole("heading", { name: customer.displayName })).toBeVisible(); // its branded login page
});
