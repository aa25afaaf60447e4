import { expect, test } from "@playwright/test";
import { consoleUrl, hostUrl, idpPort, onboardTenant, openConsole, port, submitLogin, superadmin, type ReadyTenant } from "./support";
import { createRealmUser } from "./idp-admin";

const onIdp = (url: string) => new URL(url).port === String(idpPort);

test.describe.serial("sign-in and isolation", () => {
  let tenant: ReadyTenant;

  test.beforeAll(async ({ browser }) => {
    tenant = await onboardTenant(browser);
  });

  test("an unauthenticated visit goes to the realm's login page and comes back to where it started", async ({ page }) => {
    await page.goto(consoleUrl("/tenants?q=isolation"));
    await expect.poll(() => onIdp(page.url())).toBe(true);
    await expect(page.getByRole("heading", { name: "Gatehouse Console" })).toBeVisible();
    await submitLogin(page, superadmin.username, superadmin.password);
    await expect(page).toHaveURL(consoleUrl("/tenants?q=isolation"));
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  });

  test("a wrong password gets a clear message on the login page", async ({ page }) => {
    await page.goto(hostUrl(tenant.key));
    await page.waitForURL((url) => onIdp(url.href));
    await submitLogin(page, tenant.username, "not-the-password");
    await expect(page.getByRole("alert")).toHaveText("Invalid username or password.");
  });

  test("signing out ends the identity server's session too", async ({ page }) => {
    await openConsole(page, "/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto(consoleUrl("/"));
    await expect.poll(() => onIdp(page.url())).toBe(true);
    await expect(page.getByLabel("Username or email")).toBeVisible(); // asked again, no silent single sign-on
  });

  test("a session cookie from one tenant is refused on another tenant's host", async ({ page, request }) => {
    await page.goto(hostUrl(tenant.key));
    await page.waitForURL((url) => onIdp(url.href));
    await submitLogin(page, tenant.username, tenant.password);
    await expect(page.getByTestId("workspace-name")).toHaveText(tenant.displayName);
    const cookies = await page.context().cookies(hostUrl(tenant.key));
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session, "session cookie").toBeDefined();
    expect(session!.domain).toBe(`${tenant.key}.localhost`); // host-only
    const cookie = `${session!.name}=${session!.value}`;

    const own = await request.get(`http://127.0.0.1:${port}/`, { headers: { host: `${tenant.key}.localhost:${port}`, cookie }, maxRedirects: 0 });
    expect(own.status()).toBe(200);
    for (const other of ["cloud", "console"]) {
      const replayed = await request.get(`http://127.0.0.1:${port}/`, { headers: { host: `${other}.localhost:${port}`, cookie }, maxRedirects: 0 });
      expect(replayed.status(), other).toBe(307);
      expect(replayed.headers().location).toContain("/sign-in");
    }
  });

  test("a tenant admin cannot open the console", async ({ page }) => {
    await page.goto(consoleUrl("/"));
    await expect.poll(() => onIdp(page.url())).toBe(true);
    await submitLogin(page, tenant.username, tenant.password);
    await expect(page.getByRole("alert")).toHaveText("Invalid username or password.");
  });

  test("a disabled user cannot log in", async ({ page }) => {
    await createRealmUser(tenant.key, "dora", "dora-password-123", ["member"], false);
    await page.goto(hostUrl(tenant.key));
    await page.waitForURL((url) => onIdp(url.href));
    await submitLogin(page, "dora", "dora-password-123");
    await expect(page.getByRole("alert")).toContainText("Your account is disabled");
  });

  test("a member sees their own profile but not the admin pages", async ({ page }) => {
    await createRealmUser(tenant.key, "mina", "mina-password-123", ["member"]);
    await page.goto(hostUrl(tenant.key, "/profile"));
    await page.waitForURL((url) => onIdp(url.href));
    await submitLogin(page, "mina", "mina-password-123");
    await expect(page).toHaveURL(hostUrl(tenant.key, "/profile"));
    await expect(page.getByTestId("profile-username")).toHaveText("mina");
    await expect(page.getByTestId("profile-roles")).toContainText("member");
    const admin = await page.goto(hostUrl(tenant.key, "/admin"));
    expect(admin?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  });
});
