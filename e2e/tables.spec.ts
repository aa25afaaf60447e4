import { expect, test, type Page } from "@playwright/test";
import { consoleUrl, hostUrl, onboardTenant, openConsole, signInToTenant } from "./support";

/** Creates users through the REST API as a provisioning system would (no cookies, only the key). */
async function createUsers(machine: Page, url: string, secret: string, users: { username: string; lastName: string; tenantRole: string }[]): Promise<number[]> {
  return machine.evaluate(
    async ({ url, secret, users }) => {
      const statuses: number[] = [];
      for (const user of users) {
        const response = await fetch(url, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          credentials: "omit",
          body: JSON.stringify({ ...user, email: `${user.username.replace("_", "-")}@example.com`, passwordMode: "none" }),
        });
        statuses.push(response.status);
      }
      return statuses;
    },
    { url, secret, users },
  );
}

const usernames = (page: Page) => page.getByRole("table", { name: "Users" }).locator("tbody tr td:first-child a");

test("the users list sorts, filters, searches substrings literally, pages with counts and handles a page past the end", async ({ browser }) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext()).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  // Eleven users through the API, so that with the break-glass admin there are two pages of ten.
  await admin.goto(hostUrl(tenant.key, "/api-keys"));
  await admin.getByLabel("Name", { exact: true }).fill("hr-sync");
  // A key that may create auditors must hold every permission an auditor has.
  for (const scope of ["user:create", "user:list", "user:read", "ou:list", "ou:read", "membership:read", "apikey:list", "audit:read"])
    await admin.getByLabel(scope, { exact: true }).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const secret = (await admin.getByTestId("api-key-secret").textContent())!.trim();
  const machine = await (await browser.newContext()).newPage();
  await machine.goto(hostUrl(tenant.key, "/api/v1/openapi.json"));
  const people = [
    ...Array.from({ length: 9 }, (_, i) => ({ username: `user${String(i + 1).padStart(2, "0")}`, lastName: "Member", tenantRole: "member" })),
    { username: "meera_k", lastName: "Krishnan", tenantRole: "auditor" },
    { username: "meeraxk", lastName: "Krishnamurthy", tenantRole: "member" },
  ];
  expect(await createUsers(machine, hostUrl(tenant.key, `/api/v1/tenants/${tenant.key}/users`), secret, people)).toEqual(people.map(() => 201));

  // Counted pages of ten: previous and next keep the page size.
  await admin.goto(hostUrl(tenant.key, "/users?pageSize=10"));
  const pagination = admin.getByRole("navigation", { name: "Pagination" });
  await expect(pagination).toContainText("1–10 of 12 users");
  await expect(pagination).toContainText("Page 1 of 2");
  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users?page=2&pageSize=10"));
  await expect(pagination).toContainText("11–12 of 12 users");
  await expect(usernames(admin)).toHaveText(["user08", "user09"]);
  await pagination.getByRole("link", { name: "Previous" }).click();
  await expect(pagination).toContainText("1–10 of 12 users");

  // Sorting by username, then the other way.
  const heading = admin.getByRole("columnheader", { name: /Username/ });
  await expect(heading).toHaveAttribute("aria-sort", "ascending");
  await heading.getByRole("link").click();
  await expect(heading).toHaveAttribute("aria-sort", "descending");
  await expect(usernames(admin).first()).toHaveText("user09");

  // Search: any part, any case; `_` is only itself.
  await admin.getByLabel("Search", { exact: true }).fill("KRISHNA");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(usernames(admin)).toHaveText(["meeraxk", "meera_k"]); // the sort is kept
  await expect(admin).toHaveURL(/sort=username&dir=desc/);
  await admin.getByLabel("Search", { exact: true }).fill("a_k");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(usernames(admin)).toHaveText(["meera_k"]);

  // A filter by role, in the URL, kept across pages; the role and last sign-in are columns.
  await admin.goto(hostUrl(tenant.key, "/users"));
  await admin.getByLabel("Role", { exact: true }).selectOption("auditor");
  await admin.getByRole("button", { name: "Apply" }).click();
  await expect(admin).toHaveURL(/role=auditor/);
  await expect(usernames(admin)).toHaveText(["meera_k"]);
  const row = admin.getByRole("row", { name: /meera_k/ });
  await expect(row).toContainText("Auditor");
  await expect(row).toContainText("Never");
  await admin.goto(hostUrl(tenant.key, "/users?role=member&pageSize=10"));
  await expect(admin.getByRole("navigation", { name: "Pagination" })).toContainText("1–10 of 10 users");

  // An unknown filter value is ignored and shown cleared; a page past the end says so.
  await admin.goto(hostUrl(tenant.key, "/users?role=wizard&pageSize=10"));
  await expect(admin.getByLabel("Role", { exact: true })).toHaveValue("");
  await expect(admin.getByRole("navigation", { name: "Pagination" })).toContainText("of 12 users");
  await admin.goto(hostUrl(tenant.key, "/users?pageSize=10&page=9"));
  await expect(admin.getByText("This page is past the end: there are 2 pages.")).toBeVisible();
  await admin.getByRole("link", { name: "Go to the last page" }).click();
  await expect(admin).toHaveURL(hostUrl(tenant.key, "/users?page=2&pageSize=10"));
  await expect(usernames(admin)).toHaveText(["user08", "user09"]);
});

test("the tenants list searches any part of the key, filters by status, sorts by name and handles a page past the end", async ({ browser, page }) => {
  const tenant = await onboardTenant(browser);
  const middle = tenant.key.slice(5).toUpperCase(); // past "acme-", in the wrong case
  await openConsole(page, `/tenants?q=${middle}`);
  const row = page.getByRole("row", { name: new RegExp(tenant.key) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Complete"); // a healthy tenant shows no step chips
  await expect(row.getByText(/: done/)).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–1 of 1 tenants");

  // A status filter keeps the search; a status the tenant is not in finds nothing.
  await page.getByLabel("Status", { exact: true }).selectOption("suspended");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${middle}&status=suspended`));
  await expect(page.getByText(`No tenant matches “${middle}”.`)).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(row).toBeVisible();

  // Sorting by name, in the URL, kept by the filters form.
  await page
    .getByRole("columnheader", { name: /Tenant/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByRole("columnheader", { name: /Tenant/ })).toHaveAttribute("aria-sort", "ascending");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);

  // An unknown status is ignored (the filter shows cleared), never an error.
  const response = await page.goto(consoleUrl(`/tenants?q=${middle}&status=exploded`));
  expect(response?.status()).toBe(200);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(row).toBeVisible();

  // Page 9 of a one-page list: not "no tenants", but where the list ends.
  await page.goto(consoleUrl(`/tenants?q=${middle}&page=9`));
  await expect(page.getByText("This page is past the end: there is 1 page.")).toBeVisible();
  await expect(page.getByText("No tenants yet.")).toHaveCount(0);
  await page.getByRole("link", { name: "Go to the last page" }).click();
  await expect(page).toHaveURL(consoleUrl(`/tenants?q=${middle}`));
  await expect(row).toBeVisible();
});
