import fs from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { consoleUrl, hostUrl, idpPort, onboardTenant, openConsole, signInToTenant, submitLogin } from "./support";

test("a tenant admin finds their change and a failed sign-in in the audit log, opens the detail, and downloads the CSV", async ({ browser }) => {
  const tenant = await onboardTenant(browser);

  // Someone tries a wrong password on the tenant's login page.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(hostUrl(tenant.key, "/"));
  await stranger.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(stranger, "mallory", "guessing-123");
  await expect(stranger.getByRole("alert")).toBeVisible();

  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  // A change to find.
  await admin.goto(hostUrl(tenant.key, "/users/new"));
  await admin.getByLabel("Username", { exact: true }).fill("ravi");
  await admin.getByLabel("Email", { exact: true }).fill("ravi@example.com");
  await admin.getByLabel("Set the password now").check();
  await admin.getByLabel("Password", { exact: true }).fill("ravi-password-123");
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users/ravi"));

  // The audit log, filtered to user creations.
  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await admin.getByLabel("Action", { exact: true }).selectOption("user.created");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  const rows = admin.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2); // header + the one creation
  await expect(rows.nth(1)).toContainText(`${tenant.key}/${tenant.username}`);
  await expect(rows.nth(1)).toContainText("ravi");
  // The created user is a link to their page; the time is in the product's one format, exact on hover; the address in its IPv4/RFC 5952 form.
  await expect(rows.nth(1).getByRole("link", { name: "ravi" })).toHaveAttribute("href", "/users/ravi");
  await expect(rows.nth(1).locator("time")).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(rows.nth(1).locator("time")).toHaveText(/^(just now|\d+ (s|min) ago)$/);
  await expect(admin.getByRole("table")).not.toContainText("::ffff:");

  // Its detail shows what was created.
  await rows
    .nth(1)
    .getByRole("link", { name: /Details/ })
    .click();
  await expect(admin.getByRole("heading", { name: "After" })).toBeVisible();
  await expect(admin.getByText('"email": "ravi@example.com"')).toBeVisible();
  await admin.goBack();

  // The failed sign-in, imported from the identity server, and the admin's own sign-in.
  await admin.getByLabel("Action", { exact: true }).selectOption("login.failed");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin.getByRole("table")).toContainText("mallory");
  await admin.getByLabel("Action", { exact: true }).selectOption("session.started");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin.getByRole("table")).toContainText(`${tenant.key}/${tenant.username}`);

  // A filter that matches nothing says so.
  await admin.getByLabel("Actor", { exact: true }).fill("nobody");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin.getByText("No event matches these filters.")).toBeVisible();

  // The CSV of the failed sign-ins.
  await admin.getByLabel("Actor", { exact: true }).fill("");
  await admin.getByLabel("Action", { exact: true }).selectOption("login.failed");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`audit-${tenant.key}.csv`);
  const csv = await fs.readFile((await download.path())!, "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("id,occurred_at,actor,action,resource_type,resource_id,tenant_id,ip,user_agent,before,after");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`${tenant.key}/mallory,login.failed,user,mallory`);
});

test("a superadmin reads the platform's trail and a tenant's own from its page", async ({ page, browser }) => {
  const tenant = await onboardTenant(browser);

  // The platform trail: the tenant's activation by the controller.
  await openConsole(page, "/");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Platform audit log", level: 1 })).toBeVisible();
  // Every tenant event, by its category: the onboarded tenant's creation, named and linked to its page.
  await page.getByLabel("Action", { exact: true }).selectOption("tenant.*");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("tenant.*");
  const created = page.getByRole("table").getByRole("row").filter({ hasText: "tenant.created" }).filter({ hasText: tenant.displayName });
  await expect(created.first()).toBeVisible();
  await expect(created.first().getByRole("link", { name: new RegExp(tenant.displayName) })).toHaveAttribute("href", /^\/tenants\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("table").getByRole("row").filter({ hasNotText: "tenant." })).toHaveCount(1); // the header only
  await created
    .first()
    .getByRole("link", { name: /Details/ })
    .click();
  await expect(page.getByRole("heading", { name: "After" })).toBeVisible();

  // A bad time range is refused next to its field.
  await page.goto(consoleUrl("/audit?from=2026-02-01T00:00&to=2026-01-01T00:00"));
  await expect(page.locator('[data-field-error="to"]')).toHaveText("The end of the range is before its start.");
  await expect(page.getByText("Correct the filter to see events.")).toBeVisible();

  // The tenant's own trail, from its page: the tenant admin's sign-in, imported from the identity server.
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);
  await page.goto(consoleUrl(`/tenants?q=${tenant.key}`));
  await page.getByRole("link", { name: tenant.displayName }).first().click(); // the tenant (the customer link has the same name)
  // One time format on the page (provisioning steps, created, activated): `2026-12-07 06:21:40 UTC`, never the browser's "6:21:40 AM".
  await expect(page.getByTestId("tenant-status")).toBeVisible();
  const times = page.locator("time");
  expect(await times.count()).toBeGreaterThan(2);
  for (const title of await times.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("title")))) expect(title).toMatch(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})? UTC)?$/);
  await expect(page.locator("body")).not.toContainText(/\d:\d{2}:\d{2} [AP]M/);
  await page.getByRole("link", { name: "View the tenant's audit log" }).click();
  await expect(page.getByRole("heading", { name: `Audit log of ${tenant.displayName}`, level: 1 })).toBeVisible();
  await page.getByLabel("Action", { exact: true }).selectOption("login.succeeded");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("table")).toContainText(`${tenant.key}/${tenant.username}`);
});
