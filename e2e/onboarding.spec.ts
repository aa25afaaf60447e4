import { expect, test } from "@playwright/test";
import { consoleUrl, fillBusinessCustomer, hostUrl, idpPort, newBusiness, openConsole, submitLogin } from "./support";

test("a superadmin onboards a business customer and its tenant answers on its own subdomain", async ({ page }) => {
  const customer = newBusiness();
  await openConsole(page, "/customers/new");
  await expect(page.getByRole("heading", { name: "Onboard a customer" })).toBeVisible();

  // The key is suggested from the name until edited by hand.
  await page.getByLabel("Display name", { exact: true }).fill("Zenith Labs");
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

  // The break-glass admin's password is shown once, then never again.
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
  await expect(tenantPage).toHaveURL(hostUrl(customer.key));
  await expect(tenantPage.getByTestId("workspace-name")).toHaveText(customer.displayName);
  await expect(tenantPage.getByRole("heading", { name: customer.displayName })).toBeVisible();
  await expect(tenantPage.getByText(/You administer this workspace/)).toBeVisible();
  await expect(tenantPage).toHaveTitle(customer.displayName);
  await tenant.close();

  // It is listed with its customer and steps, and found by key.
  await page.goto(consoleUrl(`/tenants?q=${customer.key}`));
  const row = page.getByRole("row", { name: new RegExp(customer.key) });
  await expect(row).toContainText(customer.displayName);
  await expect(row).toContainText("Active");
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
