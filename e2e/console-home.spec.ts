import { expect, test } from "@playwright/test";
import { consoleUrl, onboardTenant, openConsole } from "./support";

test("the console home lists an overdue customer with its lock-out, linking to the customer, and the newest platform events", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const page = await (await browser.newContext()).newPage();
  await openConsole(page, "/customers");
  await page.getByRole("link", { name: tenant.displayName }).click();
  await expect(page.getByRole("heading", { name: tenant.displayName, level: 1 })).toBeVisible();
  const customerPath = new URL(page.url()).pathname;

  const paymentForm = page.getByRole("form", { name: "Payment standing" });
  await paymentForm.getByLabel("Payment standing", { exact: true }).selectOption("overdue");
  await paymentForm.getByLabel("Note", { exact: true }).fill("Invoice INV-2026-12 unpaid");
  await paymentForm.getByRole("button", { name: "Change payment standing…" }).click();
  await paymentForm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Payment standing updated.")).toBeVisible();

  await openConsole(page, "/");
  // The grace period is 0 days in these tests: the customer is locked out already, since a time in the product's format.
  const standing = page.getByRole("region", { name: /Customers overdue or due for re-KYC/ });
  const item = standing.getByRole("listitem").filter({ hasText: tenant.displayName });
  await expect(item.getByRole("link", { name: tenant.displayName })).toHaveAttribute("href", customerPath);
  await expect(item).toContainText("Payment overdue: locked out since");
  await expect(item.locator("time")).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);

  // Recent activity: the standing change, linking to the event.
  const recent = page.getByRole("region", { name: /Recent activity/ });
  const change = recent.getByRole("listitem").filter({ hasText: "customer.payment_standing_changed" }).first();
  await expect(change.getByRole("link")).toHaveAttribute("href", /^\/audit\/\d+$/);
  await change.getByRole("link").click();
  await expect(page.getByRole("heading", { name: "After" })).toBeVisible();

  // Settled again, it leaves the list.
  await page.goto(consoleUrl(customerPath));
  await paymentForm.getByLabel("Payment standing", { exact: true }).selectOption("current");
  await paymentForm.getByLabel("Note", { exact: true }).fill("Paid");
  await paymentForm.getByRole("button", { name: "Change payment standing…" }).click();
  await paymentForm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText("Payment standing updated.")).toBeVisible();
  await openConsole(page, "/");
  await expect(page.getByRole("region", { name: /Customers overdue or due for re-KYC/ }).getByRole("link", { name: tenant.displayName })).toHaveCount(0);
});
