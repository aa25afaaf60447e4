import { expect, test } from "@playwright/test";
import { idpPort, onboardTenant, port, signInToTenant, submitLogin } from "./support";
import { startTestDnsServer, type TestDnsServer } from "../tests/support/dns-server";

// Chromium resolves *.test to 127.0.0.1 (playwright.config.ts); the app asks this DNS server
// (GATEHOUSE_DNS_SERVERS in the webServer's environment) for the verification record.
const e2eDnsPort = Number(process.env.E2E_DNS_PORT ?? 5351);
const DOMAIN = "login.acme-corp.test";
const domainUrl = (path = "/") => `http://${DOMAIN}:${port}${path}`;

let dns: TestDnsServer;
test.beforeAll(async () => {
  dns = await startTestDnsServer(e2eDnsPort);
});
test.afterAll(async () => {
  await dns?.close();
});

test("a tenant admin adds a custom domain, serves its TXT record, watches it verify, signs in on it, sees it lost when the record goes and verified again when it returns, and removes it", async ({
  browser,
}) => {
  const tenant = await onboardTenant(browser);
  const admin = await (await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] })).newPage();
  await signInToTenant(admin, tenant.key, tenant.username, tenant.password);

  // Before verification the domain leads nowhere.
  const visitor = await (await browser.newContext()).newPage();
  expect((await visitor.goto(domainUrl()))?.status()).toBe(404);

  await admin.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Domains" }).click();
  await expect(admin.getByText("No custom domains yet.")).toBeVisible();

  // The platform's own subdomains are refused next to the field.
  await admin.getByLabel("Domain", { exact: true }).fill(`${tenant.key}.localhost`);
  await admin.getByRole("button", { name: "Add domain" }).click();
  await expect(admin.getByText("belongs to the platform")).toBeVisible();
  await expect(admin.getByLabel("Domain", { exact: true })).toBeFocused();

  await admin.getByLabel("Domain", { exact: true }).fill("Login.Acme-Corp.test");
  await admin.getByRole("button", { name: "Add domain" }).click();
  const row = admin.getByTestId("domain-row").filter({ hasText: DOMAIN });
  await expect(row.getByTestId("domain-status")).toHaveText("Pending verification");
  await expect(row.getByTestId("dns-record-cname")).toContainText(`CNAME${DOMAIN}localhost`);
  const txt = row.getByTestId("dns-record-txt");
  await expect(txt).toContainText(`_gatehouse.${DOMAIN}`);
  const token = (await txt.getByTestId("dns-record-value").textContent())!.trim();
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  // Each record field has a copy button that puts exactly its value on the clipboard and announces it.
  await expect(txt.getByTestId("dns-record-value")).toHaveCSS("white-space", "nowrap");
  await txt.getByRole("button", { name: "Copy TXT record value" }).click();
  await expect(txt.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(token);
  await txt.getByRole("button", { name: "Copy TXT record name" }).click();
  await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(`_gatehouse.${DOMAIN}`);

  // Checked before the record exists: still pending, with the reason.
  await row.getByRole("button", { name: `Verify ${DOMAIN} now` }).click();
  await expect(row.getByTestId("domain-error")).toHaveText(`No TXT record found at _gatehouse.${DOMAIN}.`);
  await expect(row.getByTestId("domain-status")).toHaveText("Pending verification");

  // The record appears in DNS; the next check verifies the domain.
  dns.setTxt(`_gatehouse.${DOMAIN}`, [token]);
  await row.getByRole("button", { name: `Verify ${DOMAIN} now` }).click();
  await expect(row.getByTestId("domain-status")).toHaveText("Verified");

  // Someone opens the app on the custom domain and signs in through the tenant's realm.
  await visitor.goto(domainUrl());
  await visitor.waitForURL((url) => url.port === String(idpPort));
  await submitLogin(visitor, tenant.username, tenant.password);
  await expect(visitor).toHaveURL(domainUrl());
  await expect(visitor.getByRole("link", { name: tenant.displayName })).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Signing out on the custom domain ends the realm session too (the end-session endpoint comes
  // from the realm's discovery, which names the custom domain): the next visit asks again.
  await visitor.getByRole("button", { name: "Sign out" }).click();
  // The round trip through the realm's end-session endpoint ends on its sign-in page; leaving earlier would cut it short.
  await visitor.waitForURL((url) => url.port === String(idpPort) && url.hostname === DOMAIN && !url.pathname.includes("logout"));
  await visitor.goto(domainUrl());
  await visitor.waitForURL((url) => url.port === String(idpPort) && url.hostname === DOMAIN);
  await submitLogin(visitor, tenant.username, tenant.password);
  await expect(visitor).toHaveURL(domainUrl());

  // The record disappears (say the domain changed hands): a check shows it failing and what to fix;
  // within the grace period the domain still routes.
  dns.setTxt(`_gatehouse.${DOMAIN}`, null);
  await row.getByRole("button", { name: `Check ${DOMAIN} now` }).click();
  await expect(row.getByTestId("domain-status")).toHaveText("Verified — check failing");
  await expect(row.getByTestId("domain-failing")).toContainText("The TXT record check has been failing since");
  await expect(row.getByTestId("domain-failing")).toContainText("Put the TXT record below back");
  await expect(row.getByTestId("domain-error")).toHaveText(`No TXT record found at _gatehouse.${DOMAIN}.`);
  expect((await visitor.goto(domainUrl()))?.status()).toBe(200);

  // Past the grace period (0 and two failed checks in this run): unverified, and it no longer routes.
  await row.getByRole("button", { name: `Check ${DOMAIN} now` }).click();
  await expect(row.getByTestId("domain-status")).toHaveText("Unverified — not routed");
  await expect(row.getByTestId("domain-lost")).toContainText("no longer leads to this workspace");
  expect((await visitor.goto(domainUrl()))?.status()).toBe(404);

  // The record is back: verifying again restores routing.
  dns.setTxt(`_gatehouse.${DOMAIN}`, [token]);
  await row.getByRole("button", { name: `Verify ${DOMAIN} now` }).click();
  await expect(row.getByTestId("domain-status")).toHaveText("Verified");
  await expect(row.getByTestId("domain-last-success")).not.toHaveText("—");
  expect((await visitor.goto(domainUrl()))?.status()).toBe(200);
  await expect(visitor.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Removal asks once more, naming the domain, and stops routing at once.
  await row.getByRole("button", { name: `Remove ${DOMAIN}` }).click();
  await expect(row.getByText(`Remove “${DOMAIN}”?`)).toBeVisible();
  await row.getByRole("button", { name: "Remove domain" }).click();
  await expect(admin.getByText("No custom domains yet.")).toBeVisible();
  const after = await visitor.goto(domainUrl());
  expect(after?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: `There is no workspace at ${DOMAIN}:${port}` })).toBeVisible();
});
