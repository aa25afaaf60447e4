import { expect, test, type Page } from "@playwright/test";
import { hostUrl, onboardTenant, openConsole, signInToTenant } from "./support";

/** Calls the API as a machine would: no cookies, only the key. */
async function callWithKey(machine: Page, url: string, secret: string): Promise<{ status: number; body: { items?: { username: string }[]; message?: string } }> {
  return machine.evaluate(
    async ({ url, secret }) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${secret}` }, credentials: "omit" });
      return { status: response.status, body: await response.json() };
    },
    { url, secret },
  );
}

test("a tenant admin creates an API key, sees its secret once, uses it, revokes it, and its next use is refused", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" }).click();
  await expect(admin.getByText("No API keys yet.")).toBeVisible();

  // Create: a name and one scope; the secret is shown once.
  await admin.getByLabel("Name", { exact: true }).fill("ci-reader");
  await admin.getByLabel("user:list", { exact: true }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const secretBox = admin.getByTestId("api-key-secret");
  await expect(secretBox).toHaveText(/^ghk_[a-z2-7]{10}_\S+$/);
  const secret = (await secretBox.textContent())!.trim();
  const row = admin.getByTestId("api-key-row").filter({ hasText: "ci-reader" });
  await expect(row).toContainText("active");
  await expect(row).toContainText("user:list");
  await expect(row).not.toContainText(secret);

  // After a reload the secret is gone for good; only its prefix is listed.
  await admin.reload();
  await expect(admin.getByTestId("api-key-secret")).toHaveCount(0);
  await expect(row).toContainText(secret.split("_")[1]!);

  // A machine uses the key against the API.
  const machine = await (await browser.newContext()).newPage();
  await machine.goto(hostUrl(tenant.key, "/api/v1/openapi.json"));
  const usersUrl = hostUrl(tenant.key, `/api/v1/tenants/${tenant.key}/users`);
  const allowed = await callWithKey(machine, usersUrl, secret);
  expect(allowed.status).toBe(200);
  expect(allowed.body.items?.map((u) => u.username)).toContain(tenant.username);

  // Revoke, with a confirmation naming the key.
  await row.getByRole("button", { name: "Revoke ci-reader" }).click();
  await expect(row.getByText("Revoke “ci-reader”?")).toBeVisible();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("revoked");

  const refused = await callWithKey(machine, usersUrl, secret);
  expect(refused).toEqual({ status: 401, body: expect.objectContaining({ code: "unauthorized", message: "The API key has been revoked." }) });
});

test("scopes say what they allow, a preset ticks a usual set, and each key says what it can do", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password, "/api-keys");

  // Every scope carries its description (the checkbox's accessible description, shown next to it).
  await expect(admin.getByLabel("user:disable", { exact: true })).toHaveAccessibleDescription("Disable and re-enable users");
  await expect(admin.getByLabel("scim", { exact: true })).toHaveAccessibleDescription(/SCIM 2.0 provisioning/);

  // A preset replaces the selection with its scopes; the summary follows.
  await admin.getByLabel("user:delete", { exact: true }).check();
  await admin.getByRole("button", { name: "Read-only" }).click();
  await expect(admin.getByTestId("scope-preset-notice")).toHaveText("“Read-only” ticked 7 scopes.");
  for (const scope of ["user:list", "user:read", "ou:list", "ou:read", "membership:read", "apikey:list", "audit:read"]) {
    await expect(admin.getByLabel(scope, { exact: true })).toBeChecked();
  }
  await expect(admin.getByLabel("user:delete", { exact: true })).not.toBeChecked();
  const summary = admin.getByTestId("scope-summary");
  await expect(summary.getByRole("listitem")).toHaveCount(7);
  await expect(summary).toContainText("Read the audit trail");
  await expect(summary).not.toContainText("Delete users");

  await admin.getByLabel("Name", { exact: true }).fill("reporting");
  await admin.getByRole("button", { name: "Create key" }).click();
  await expect(admin.getByTestId("api-key-secret")).toBeVisible();
  const row = admin.getByTestId("api-key-row").filter({ hasText: "reporting" });
  await row.getByText("What this key can do").click();
  await expect(row.getByTestId("api-key-capabilities").getByRole("listitem")).toHaveCount(7);
  await expect(row.getByTestId("api-key-capabilities")).toContainText("List and search users");

  // The console's platform keys: the same form, with the platform's scopes and presets.
  const operator = await (await browser.newContext()).newPage();
  await openConsole(operator, "/api-keys");
  await expect(operator.getByLabel("billing:write", { exact: true })).toHaveAccessibleDescription("Change payment standing; disable or enable a tenant or its users");
  await operator.getByRole("button", { name: "Billing system" }).click();
  for (const scope of ["customer:read", "tenant:read", "billing:write"]) await expect(operator.getByLabel(scope, { exact: true })).toBeChecked();
  await expect(operator.getByLabel("customer:write", { exact: true })).not.toBeChecked();
});
