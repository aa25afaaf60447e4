import { expect, test, type Page } from "@playwright/test";
import { hostUrl, onboardTenant, signInToTenant } from "./support";

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
