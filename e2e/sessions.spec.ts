import { expect, test, type Page } from "@playwright/test";
import { hostUrl, idpPort, onboardTenant, signInToTenant, type ReadyTenant } from "./support";

const onIdp = (page: Page) => new URL(page.url()).port === String(idpPort);

test.describe.serial("app sessions end on the server", () => {
  let tenant: ReadyTenant;

  test.beforeAll(async ({ browser }) => {
    tenant = await onboardTenant(browser);
  });

  test("a copy of the session cookie stops working once its owner signs out", async ({ browser }) => {
    const owner = await (await browser.newContext()).newPage();
    await signInToTenant(owner, tenant.key, tenant.username, tenant.password, "/profile");
    const cookies = await owner.context().cookies();
    const thief = await (await browser.newContext()).newPage();
    await thief.context().addCookies(cookies.filter((c) => c.name.includes("session-token")));
    await thief.goto(hostUrl(tenant.key, "/profile"));
    await expect(thief.getByRole("heading", { name: "My profile" })).toBeVisible(); // the copy works while the session is open

    await owner.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => onIdp(owner) || owner.url().startsWith(hostUrl(tenant.key))).toBe(true);
    await thief.goto(hostUrl(tenant.key, "/profile"));
    await expect.poll(() => onIdp(thief)).toBe(true); // sent to sign in: the session ended on the server
  });

  test("a user sees their sessions and signs out every other one; an admin sees them on the user's page", async ({ browser }) => {
    const laptop = await (await browser.newContext({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" })).newPage();
    const phone = await (await browser.newContext({ userAgent: "Mozilla/5.0 (Linux; Android 15) Firefox/140.0" })).newPage();
    await signInToTenant(laptop, tenant.key, tenant.username, tenant.password, "/profile");
    await signInToTenant(phone, tenant.key, tenant.username, tenant.password, "/profile");

    await laptop.reload();
    const rows = laptop.getByTestId("session-row").and(laptop.locator("[data-open=true]"));
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: "this session" })).toContainText("Chrome on Linux");
    await expect(rows.filter({ hasText: "Firefox on Android" })).toContainText("active");

    await laptop.getByRole("button", { name: "End every other session" }).click();
    await expect(laptop.getByText("End your sessions everywhere else? This browser stays signed in.")).toBeVisible();
    await laptop.getByRole("button", { name: "End other sessions" }).click();
    await expect(laptop.getByTestId("session-row").and(laptop.locator("[data-open=true]"))).toHaveCount(1);
    await expect(laptop.getByText("signed out from another session").first()).toBeVisible();

    // The phone is asked for its password again: its app session and its realm session are gone.
    await phone.goto(hostUrl(tenant.key, "/profile"));
    await expect.poll(() => onIdp(phone)).toBe(true);
    await expect(phone.getByLabel("Password", { exact: true })).toBeVisible();

    // The admin's view of the user: the same sessions, and "Sign out everywhere" asks first.
    await laptop.goto(hostUrl(tenant.key, `/users/${tenant.username}`));
    const section = laptop.getByRole("region", { name: "Sessions" }).or(laptop.locator("section", { has: laptop.getByRole("heading", { name: "Sessions" }) }));
    await expect(section.getByTestId("session-row").first()).toBeVisible();
    await section.getByRole("button", { name: `Sign ${tenant.username} out everywhere` }).click();
    // The action's answer means the sessions have ended; visiting another page before it would cut it short.
    const answered = laptop.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/users/${tenant.username}`);
    await section.getByRole("button", { name: "End all sessions" }).click();
    await answered;
    // The admin signed themself out too: the page's refresh, or the next visit, asks for the password.
    await laptop.goto(hostUrl(tenant.key, "/profile"));
    await expect.poll(() => laptop.url()).toMatch(new RegExp(`^http://[^/]+:${idpPort}/`));
  });
});
