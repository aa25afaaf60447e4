import { expect, type Browser, type Page } from "@playwright/test";
import { gstinFor, randomPan, uniqueKey } from "../tests/support/fixtures";
import { idpPort, port } from "./environment";

export { idpPort, port };
export const consoleUrl = (path = "/") => `http://console.localhost:${port}${path}`;
export const hostUrl = (sub: string, path = "/") => `http://${sub}.localhost:${port}${path}`;

export const superadmin = { username: "superadmin", password: "e2e-superadmin-password" };

/** Fills the identity server's login form (branded per realm) and submits it. */
export async function submitLogin(page: Page, username: string, password: string) {
  await page.getByLabel("Username or email").fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The page both identity servers show for a one-time password: the user chooses their own. */
export async function chooseNewPassword(page: Page, password: string) {
  await expect(page.getByText("You need to choose a new password before you continue.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Save password and continue" }).click();
}

/** Opens `path` on the console, signing in as the bootstrap superadmin on the way. */
export async function openConsole(page: Page, path = "/") {
  const target = consoleUrl(path);
  await page.goto(target);
  // Either already signed in, or sent (via /sign-in) to the identity server's login page.
  await page.waitForURL((url) => url.href === target || url.port === String(idpPort));
  if (new URL(page.url()).port === String(idpPort)) {
    await submitLogin(page, superadmin.username, superadmin.password);
  }
  await expect(page).toHaveURL(consoleUrl(path));
}

export interface BusinessCustomer {
  displayName: string;
  legalName: string;
  pan: string;
  gstin: string;
  key: string;
}

/** The address fillBusinessCustomer types is in Karnataka, so the GSTIN carries its state code. */
const KARNATAKA_GST_CODE = "29";

export function newBusiness(name = "Acme Widgets"): BusinessCustomer {
  const pan = randomPan();
  const suffix = uniqueKey("").slice(1);
  return { displayName: `${name} ${suffix}`, legalName: `${name} ${suffix} Private Limited`, pan, gstin: gstinFor(pan, KARNATAKA_GST_CODE), key: `acme-${suffix}` };
}

/** Fills the onboarding form's record (identity, identifiers, address, contact) the way a person would, by label. */
export async function fillCustomerRecord(page: Page, c: BusinessCustomer) {
  await page.getByLabel("Kind", { exact: true }).selectOption("business");
  await page.getByLabel("Legal name", { exact: true }).fill(c.legalName);
  await page.getByLabel("Display name", { exact: true }).fill(c.displayName);
  await page.getByLabel("PAN", { exact: true }).fill(c.pan.toLowerCase());
  await page.getByLabel("GSTIN", { exact: true }).fill(c.gstin);
  await page.getByLabel("Address line 1", { exact: true }).fill("14 Residency Road");
  await page.getByLabel("City", { exact: true }).fill("Bengaluru");
  await page.getByLabel("State", { exact: true }).selectOption("Karnataka");
  await page.getByLabel("PIN / postal code", { exact: true }).fill("560025");
  await page.getByLabel("Contact name", { exact: true }).fill("Meera Iyer");
  await page.getByLabel("Contact email", { exact: true }).fill("meera@example.com");
  await page.getByLabel("Contact phone", { exact: true }).fill("+91 98450 12345");
}

/** Fills the whole onboarding form for a verified customer with a dedicated tenant. */
export async function fillBusinessCustomer(page: Page, c: BusinessCustomer, extra: { databaseUrl?: string } = {}) {
  await fillCustomerRecord(page, c);
  await page.getByLabel("KYC / KYB status", { exact: true }).selectOption("completed");
  await page.getByLabel("Dedicated tenant", { exact: true }).check();
  await page.getByLabel("Tenant key", { exact: true }).fill(c.key);
  if (extra.databaseUrl) {
    await page.getByText("Dedicated database cluster (optional)").click();
    await page.getByLabel("Cluster URL", { exact: true }).fill(extra.databaseUrl);
  }
}

export interface ReadyTenant {
  key: string;
  displayName: string;
  username: string;
  password: string;
}

/**
 * Onboards a tenant through the console and takes its break-glass credentials: the initial
 * password is one-time, so the admin signs in once and chooses the password returned here.
 */
export async function onboardTenant(browser: Browser): Promise<ReadyTenant> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const customer = newBusiness("Isolation Test");
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, customer);
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page.getByTestId("tenant-status")).toContainText("Active", { timeout: 30_000 });
  await page.getByRole("button", { name: "Show initial password once" }).click();
  const password = (await page.getByTestId("initial-password").textContent())!.trim();
  const username = (await page.getByTestId("break-glass-username").textContent())!.trim();
  const chosen = `${password}-chosen`;
  await page.goto(hostUrl(customer.key));
  await page.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(page, username, password);
  await chooseNewPassword(page, chosen);
  await expect(page).toHaveURL(hostUrl(customer.key));
  // Its app session ended again, so the tests that count sessions see only their own.
  const signedOut = await page.evaluate(async () => (await fetch("/api/logout", { method: "POST", redirect: "manual" })).type);
  expect(signedOut).toBe("opaqueredirect");
  await context.close();
  return { key: customer.key, displayName: customer.displayName, username, password: chosen };
}

/** Signs in on a tenant's host (via its realm's login page) and waits to be back on `path`. */
export async function signInToTenant(page: Page, key: string, username: string, password: string, path = "/") {
  await page.goto(hostUrl(key, path));
  await page.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(page, username, password);
  await expect(page).toHaveURL(hostUrl(key, path));
}

/** Onboards a shared customer on the console; returns the customer page's path and its organization's slug. */
export async function onboardShared(page: Page, name: string) {
  const customer = newBusiness(name);
  await openConsole(page, "/customers/new");
  await fillBusinessCustomer(page, customer);
  await page.getByLabel("Shared cloud tenant", { exact: true }).check();
  await page.getByRole("button", { name: "Onboard customer" }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  const panel = page.getByTestId("customer-organization");
  await expect(panel.getByRole("heading", { name: `Organization ${customer.displayName}` })).toBeVisible();
  const slug = (await panel.locator("p span.font-mono").first().textContent())!.trim();
  return { customer, slug, path: new URL(page.url()).pathname };
}

/** Opens an invitation link in a fresh browser, creates the account, and signs in with it. */
export async function acceptAsNewPerson(browser: Browser, link: string, username: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByRole("status")).toContainText("you are a member now");
  await page.getByRole("link", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(page, username, password);
  await expect(page).toHaveURL(hostUrl("cloud", "/orgs"));
  return page;
}

/** Invites `email` to the organization whose page is open; returns the invitation link. */
export async function invite(page: Page, email: string, role: "admin" | "member"): Promise<string> {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  return (await page.getByTestId("invitation-link").textContent())!.trim();
}
