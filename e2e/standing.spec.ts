import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { hostUrl, onboardTenant, openConsole, port, signInToTenant } from "./support";

/** A call to the console's API as a machine makes it (Node cannot resolve *.localhost: connect to 127.0.0.1, name the host). */
function consoleApi(method: string, path: string, key: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: { host: `console.localhost:${port}`, authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

/** The superadmin creates a platform key for the billing system on the console; its secret is shown once. */
async function billingKey(console: Page): Promise<string> {
  await console.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "API keys" }).click();
  await console.getByLabel("Name", { exact: true }).fill("billing system");
  await console.getByRole("checkbox", { name: "billing:write" }).check();
  await console.getByRole("button", { name: "Create key" }).click();
  const secret = (await console.getByTestId("api-key-secret").textContent())!.trim();
  expect(secret).toMatch(/^ghk_/);
  return secret;
}

test("an overdue customer's admin sees the payment page instead of signing in; once billing marks it current, sign-in works again", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  // The tenant's admin is signed in while the customer is in good standing.
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);
  await expect(admin.getByTestId("workspace-name")).toHaveText(tenant.displayName);

  const console = await (await browser.newContext()).newPage();
  // Newest first: the customer just onboarded is on the first page.
  await openConsole(console, "/customers");
  await console.getByRole("link", { name: tenant.displayName }).click();
  await expect(console.getByRole("heading", { name: tenant.displayName, level: 1 })).toBeVisible();
  const customerId = new URL(console.url()).pathname.split("/").pop()!;

  // The superadmin sets the payment standing to overdue, confirming a question that names the customer.
  const paymentForm = console.getByRole("form", { name: "Payment standing" });
  await paymentForm.getByLabel("Payment standing", { exact: true }).selectOption("overdue");
  await paymentForm.getByLabel("Note", { exact: true }).fill("Invoice INV-2026-11 unpaid");
  await paymentForm.getByRole("button", { name: "Change payment standing…" }).click();
  await expect(paymentForm.getByRole("alertdialog")).toContainText(`Change payment standing of ${tenant.displayName} from “Current” to “Overdue”?`);
  await paymentForm.getByRole("button", { name: "Confirm" }).click();
  await expect(console.getByText("Payment standing updated.")).toBeVisible();
  await expect(console.getByTestId("standing-change").first()).toContainText("current → overdue");

  // The grace period is 0 days here: the admin's next page is the payment page, session or not.
  await admin.goto(hostUrl(tenant.key, "/users"));
  await expect(admin.getByTestId("tenant-status")).toHaveText("Payment required");
  await admin.context().clearCookies();
  await admin.goto(hostUrl(tenant.key, "/"));
  await expect(admin.getByTestId("tenant-status")).toHaveText("Payment required");
  await expect(admin.getByRole("heading", { level: 1 })).toContainText(`${tenant.displayName} is paused: payment overdue`);
  await expect(admin.getByTestId("tenant-contact")).toContainText("settle the payment");

  // The billing system settles it through the platform API with its own key.
  const key = await billingKey(console);
  const settled = await consoleApi("PUT", `/api/v1/customers/${customerId}/payment-standing`, key, { standing: "current", note: "INV-2026-11 paid" });
  expect(settled).toMatchObject({ status: 200, json: { standing: "current" } });

  // Sign-in works again, with everything as it was.
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);
  await expect(admin.getByTestId("workspace-name")).toHaveText(tenant.displayName);
  await expect(admin.getByTestId("tenant-status")).toHaveCount(0);
});
