import { expect, test, type Page } from "@playwright/test";
import { hostUrl, idpPort, onboardTenant, signInToTenant, submitLogin } from "./support";

/** A SCIM client's request: no cookies, only the key, SCIM's media type. */
async function scim(machine: Page, url: string, secret: string, method: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return machine.evaluate(
    async ({ url, secret, method, body }) => {
      const response = await fetch(url, {
        method,
        credentials: "omit",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/scim+json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    { url, secret, method, body },
  );
}

test("a SCIM key provisions a user who signs in; deactivating over SCIM shows them disabled and refuses their session and sign-in", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  // The admin creates a key with the scim scope on the API keys page.
  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API keys" }).click();
  await admin.getByLabel("Name", { exact: true }).fill("okta-provisioning");
  await admin.getByRole("checkbox", { name: "scim", exact: true }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const secret = (await admin.getByTestId("api-key-secret").textContent())!.trim();

  // The identity provider creates the user, with a password, over SCIM.
  const machine = await (await browser.newContext()).newPage();
  await machine.goto(hostUrl(tenant.key, "/scim/v2/ServiceProviderConfig"));
  const created = await scim(machine, hostUrl(tenant.key, "/scim/v2/Users"), secret, "POST", {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: "Priya.Nair@acme.example",
    name: { givenName: "Priya", familyName: "Nair" },
    emails: [{ value: "priya.nair@acme.example", type: "work", primary: true }],
    password: "priya-password-123",
    active: true,
  });
  expect(created.status).toBe(201);
  const id = String(created.body.id);

  const user = await (await browser.newContext()).newPage();
  await signInToTenant(user, tenant.key, "priya.nair@acme.example", "priya-password-123", "/profile");
  await expect(user.getByTestId("profile-username")).toHaveText("priya.nair@acme.example");

  // The admin sees the provisioned user in the list, enabled.
  await admin.goto(hostUrl(tenant.key, "/users?q=priya"));
  const row = admin.getByRole("row").filter({ hasText: "priya.nair@acme.example" });
  await expect(row).toContainText("Enabled");

  // Entra ID deactivates: {"op":"Replace","path":"active","value":"False"}.
  const deactivated = await scim(machine, hostUrl(tenant.key, `/scim/v2/Users/${id}`), secret, "PATCH", {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
    Operations: [{ op: "Replace", path: "active", value: "False" }],
  });
  expect(deactivated).toMatchObject({ status: 200, body: { active: false } });

  await admin.reload();
  await expect(row).toContainText("Disabled");

  // Their open session is refused on the next request, and signing in again is refused.
  await user.goto(hostUrl(tenant.key, "/profile"));
  await user.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(user, "priya.nair@acme.example", "priya-password-123");
  await expect(user.getByRole("alert")).toContainText("Your account is disabled");
});
