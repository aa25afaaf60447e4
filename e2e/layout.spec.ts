import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { acceptAsNewPerson, consoleUrl, hostUrl, invite, onboardShared, onboardTenant, openConsole, signInToTenant, type ReadyTenant } from "./support";

// Every main page at a phone's width and a desktop's: no sideways scrolling, a <main> landmark,
// the navigation with its current item (behind the "Menu" button on the phone, opened and closed
// by keyboard), no serious or critical axe violations, and a screenshot of each for a reviewer.

const VIEWPORTS = [
  { name: "360", width: 360, height: 780 },
  { name: "1440", width: 1440, height: 900 },
] as const;

interface Stop {
  /** Names the screenshot. */
  name: string;
  url: string;
  /** The navigation's item for this page, and whether it is the page itself or the section holding it. */
  current: { label: string; state: "page" | "true" };
}

async function checkStop(page: Page, testInfo: TestInfo, navLabel: string, stop: Stop) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto(stop.url);
    await expect(page.getByRole("main")).toHaveCount(1);
    // Kept in test-results/ (and listed in the report) for a reviewer to look at.
    const shot = testInfo.outputPath(`${stop.name}-${viewport.name}px.png`);
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach(`${stop.name} at ${viewport.name} px`, { path: shot, contentType: "image/png" });

    const { overflow, culprits } = await page.evaluate(widerThanWindow);
    expect.soft(overflow, `${stop.name} at ${viewport.width} px scrolls sideways by ${overflow} px: ${culprits.join(" | ")}`).toBeLessThanOrEqual(0);

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect.soft(serious, `axe on ${stop.name} at ${viewport.width} px`).toEqual([]);

    if (viewport.width < 1024) {
      // The sidebar is hidden; the menu opens from the keyboard, holds focus, and Escape closes it.
      const menu = page.getByRole("button", { name: "Menu" });
      await menu.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: navLabel });
      await expect(dialog).toBeVisible();
      await expectCurrent(dialog.getByRole("navigation", { name: navLabel }), stop);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(menu).toBeFocused();
    } else {
      await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
      await expectCurrent(page.getByRole("navigation", { name: navLabel }), stop);
    }
  }
}

/** How far the page is wider than the window, and the innermost elements sticking out (outside scroll boxes). */
function widerThanWindow() {
  const width = window.innerWidth;
  const overflow = document.documentElement.scrollWidth - width;
  const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
  const inScrollBox = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (["auto", "scroll", "hidden"].includes(getComputedStyle(p).overflowX)) return true;
    return false;
  };
  const culprits =
    overflow <= 0
      ? []
      : [...document.querySelectorAll("body *")]
          .filter((el) => sticksOut(el) && !inScrollBox(el) && ![...el.children].some(sticksOut))
          .slice(0, 5)
          .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ${(el.textContent ?? "").trim().slice(0, 40)}`);
  return { overflow, culprits };
}

async function expectCurrent(nav: ReturnType<Page["getByRole"]>, stop: Stop) {
  const marked = nav.locator("[aria-current]");
  await expect(marked, `the current item on ${stop.name}`).toHaveCount(1);
  await expect(marked).toHaveText(stop.current.label);
  await expect(marked).toHaveAttribute("aria-current", stop.current.state);
}

let tenant: ReadyTenant;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  tenant = await onboardTenant(browser);
});

test("the console's pages fit a phone and a desktop, with their navigation, breadcrumbs and titles", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await openConsole(page, `/tenants?q=${tenant.key}`);
  await page.locator(`a[href^="/tenants/"]`, { hasText: tenant.displayName }).click();
  await expect(page).toHaveURL(/\/tenants\/[0-9a-f-]{36}$/);
  const tenantPath = new URL(page.url()).pathname;
  await expect(page).toHaveTitle(`${tenant.key} · Tenants · Gatehouse`);
  await page.getByRole("main").locator(`a[href^="/customers/"]`).first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerPath = new URL(page.url()).pathname;

  const stops: Stop[] = [
    { name: "console-home", url: consoleUrl("/"), current: { label: "Overview", state: "page" } },
    { name: "console-customers", url: consoleUrl("/customers"), current: { label: "Customers", state: "page" } },
    { name: "console-customer", url: consoleUrl(customerPath), current: { label: "Customers", state: "true" } },
    { name: "console-tenants", url: consoleUrl("/tenants"), current: { label: "Tenants", state: "page" } },
    { name: "console-tenant", url: consoleUrl(tenantPath), current: { label: "Tenants", state: "true" } },
    { name: "console-tenant-users", url: consoleUrl(`${tenantPath}/users`), current: { label: "Tenants", state: "true" } },
    { name: "console-audit", url: consoleUrl("/audit"), current: { label: "Audit log", state: "page" } },
  ];
  for (const stop of stops) await checkStop(page, testInfo, "Console", stop);

  // A nested page says where it is, in its breadcrumbs and its title.
  await page.goto(consoleUrl(`${tenantPath}/users/${tenant.username}`));
  const trail = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(trail.getByRole("listitem")).toHaveText(["Tenants", `›${tenant.displayName}`, "›Users", `›${tenant.username}`]);
  await expect(trail.locator('[aria-current="page"]')).toHaveText(tenant.username);
  await expect(page).toHaveTitle(`${tenant.username} · Users · ${tenant.key} · Gatehouse`);
  await expect(page.getByRole("navigation", { name: "Tenant administration" }).getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "true");
  await trail.getByRole("link", { name: "Tenants" }).click();
  await expect(page).toHaveURL(consoleUrl("/tenants"));
});

test("a tenant admin's workspace pages fit a phone and a desktop, with their navigation", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await signInToTenant(page, tenant.key, tenant.username, tenant.password);
  await page.goto(hostUrl(tenant.key, "/org-units/new"));
  await page.getByLabel("Identifier", { exact: true }).fill("support");
  await page.getByLabel("Name", { exact: true }).fill("Support");
  await page.getByRole("button", { name: "Create org unit" }).click();
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  const orgUnitPath = new URL(page.url()).pathname;

  const at = (path: string) => hostUrl(tenant.key, path);
  const stops: Stop[] = [
    { name: "workspace-home", url: at("/"), current: { label: "Home", state: "page" } },
    { name: "workspace-users", url: at("/users"), current: { label: "Users", state: "page" } },
    { name: "workspace-user", url: at(`/users/${tenant.username}`), current: { label: "Users", state: "true" } },
    { name: "workspace-org-units", url: at("/org-units"), current: { label: "Org units", state: "page" } },
    { name: "workspace-org-unit", url: at(orgUnitPath), current: { label: "Org units", state: "true" } },
    { name: "workspace-api-keys", url: at("/api-keys"), current: { label: "API keys", state: "page" } },
    { name: "workspace-domains", url: at("/domains"), current: { label: "Domains", state: "page" } },
    { name: "workspace-branding", url: at("/settings"), current: { label: "Settings", state: "page" } },
    { name: "workspace-audit", url: at("/audit"), current: { label: "Audit log", state: "page" } },
    { name: "workspace-profile", url: at("/profile"), current: { label: "My profile", state: "page" } },
  ];
  for (const stop of stops) await checkStop(page, testInfo, "Workspace", stop);

  // One item per page: the admin's home is the overview, not a second "Administration" link.
  await expect(page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Administration" })).toHaveCount(0);
  await page.goto(at(`/users/${tenant.username}`));
  await expect(page).toHaveTitle(new RegExp(`^${tenant.username} · Users · `));
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("listitem")).toHaveText(["Users", `›${tenant.username}`]);

  // A missing page keeps the workspace around it.
  const response = await page.goto(at("/no-such-page"));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Workspace" })).toBeVisible();
  await expect(page.getByTestId("workspace-brand")).toBeVisible();
});

test("a shared-cloud member's pages fit a phone and a desktop, and a refused page keeps the workspace's header", async ({ browser, page }, testInfo) => {
  test.setTimeout(300_000);
  const suffix = Date.now().toString(36);
  const { path } = await onboardShared(page, "Layout Org");
  await page.goto(consoleUrl(path));
  const link = await invite(page, `layout-${suffix}@example.com`, "admin");
  const member = await acceptAsNewPerson(browser, link, `layout-${suffix}`, "layout-password-1");
  const slugPath = await member.getByRole("main").locator('a[href^="/orgs/"]').first().getAttribute("href");

  const stops: Stop[] = [
    { name: "cloud-home", url: hostUrl("cloud", "/"), current: { label: "Home", state: "page" } },
    { name: "cloud-organizations", url: hostUrl("cloud", "/orgs"), current: { label: "Organizations", state: "page" } },
    { name: "cloud-organization", url: hostUrl("cloud", slugPath!), current: { label: "Organizations", state: "true" } },
    { name: "cloud-profile", url: hostUrl("cloud", "/profile"), current: { label: "My profile", state: "page" } },
  ];
  for (const stop of stops) await checkStop(member, testInfo, "Workspace", stop);

  // The cloud's users are not a member's to list: refused, inside the workspace's header and navigation.
  const response = await member.goto(hostUrl("cloud", "/users"));
  expect(response?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(member.getByRole("navigation", { name: "Workspace" })).toBeVisible();
  await expect(member.getByTestId("workspace-brand")).toBeVisible();
  await expect(member.getByRole("main")).toHaveCount(1);
});
