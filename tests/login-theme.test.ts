// The branded login page as a person sees it, in real Chromium, on both identity servers: the
// embedded server's pages (idp/login/render.ts) and Gatehouse's Keycloak login theme
// (lib/identity/keycloak-theme/gatehouse). What the realm's branding sets must show on each, and
// the two must look the same: same computed styles, same wording.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import * as oidc from "openid-client";
// Playwright's web-first assertions (they wait) for what is on the page; vitest's for values.
import { chromium, expect as ui, type Browser, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issuerFor } from "@/lib/identity/config";
import { deleteRealm, ensureRealm, setRealmBranding } from "@/lib/identity/realms";
import { APP_CLIENT_ID, ensureAppClient } from "@/lib/identity/clients";
import { syncRealmRoles, TENANT_ROLES } from "@/lib/identity/roles";
import { createUser } from "@/lib/identity/users";
import { textColorOn } from "@/shared/contrast";
import { DEFAULT_BRAND_COLOR } from "@/idp/config";
import { STYLE } from "@/idp/login/render";
import { THEME_SOURCE } from "@/scripts/local-keycloak/install";
import { describeOnServer, identityServers, keycloakServer, type IdentityServer } from "@/tests/support/identity-servers";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const APP = { origin: "http://app.login-theme.test", secret: "login-theme-app-secret" };
const REDIRECT_URI = `${APP.origin}/api/auth/callback/keycloak`;
const SCREENSHOTS = path.resolve("test-results", "login-theme");

const realmName = (p: string) => `lt-${p}-${randomBytes(3).toString("hex")}`;

/** "#0f766e" → "rgb(15, 118, 110)", as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

// A logo and a favicon the browser can load, served on the loopback interface.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
let assets: http.Server;
let assetOrigin = "";
let browser: Browser;

beforeAll(async () => {
  // Fails (does not skip) without Chromium, like the browser tests.
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({ executablePath: CHROMIUM });
  assets = http.createServer((_req, res) => res.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" }).end(PNG));
  await new Promise<void>((resolve) => assets.listen(0, "127.0.0.1", resolve));
  assetOrigin = `http://127.0.0.1:${(assets.address() as AddressInfo).port}`;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (assets ? assets.close(() => resolve()) : resolve()));
});

/** A realm as provisioning leaves it: settings, roles, and the app's client. */
async function tenantRealm(name: string, displayName = name): Promise<void> {
  await ensureRealm({ name, displayName, enabled: true });
  await syncRealmRoles(name, TENANT_ROLES);
  await ensureAppClient({ realm: name, secret: APP.secret, origins: [APP.origin], tenantKey: name });
}

/** A fresh browser context at the realm's authorization endpoint (code flow with PKCE); the app's callback is answered locally. */
async function openLogin(realm: string): Promise<Page> {
  const config = await oidc.discovery(new URL(issuerFor(realm)), APP_CLIENT_ID, APP.secret, undefined, { execute: [oidc.allowInsecureRequests] });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: "S256",
    state: oidc.randomState(),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route(`${APP.origin}/**`, (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "callback reached" }));
  const response = await page.goto(url.href);
  expect(response?.status()).toBe(200);
  return page;
}

/** The computed styles that make up the look of the card, compared between the servers (once the page's stylesheets have loaded). */
async function lookOf(page: Page) {
  await page.waitForLoadState("load");
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`No ${selector} on the page`);
      return { css: getComputedStyle(element), box: element.getBoundingClientRect() };
    };
    const [body, main, h1, button, label, input] = ["body", "main", "h1", "button[type=submit]", "label", "input#username, input#password-new"].map(style);
    return {
      bodyBackground: body!.css.backgroundColor,
      bodyFont: body!.css.fontFamily,
      bodyColor: body!.css.color,
      cardWidth: main!.box.width,
      cardLeft: main!.box.left,
      cardTop: main!.box.top,
      cardPadding: main!.css.padding,
      cardRadius: main!.css.borderRadius,
      cardShadow: main!.css.boxShadow,
      cardBorderTopColor: main!.css.borderTopColor,
      cardBorderTopWidth: main!.css.borderTopWidth,
      cardBorderTopStyle: main!.css.borderTopStyle,
      h1FontSize: h1!.css.fontSize,
      h1FontWeight: h1!.css.fontWeight,
      h1Margin: h1!.css.margin,
      buttonBackground: button!.css.backgroundColor,
      buttonColor: button!.css.color,
      buttonWidth: button!.box.width,
      buttonHeight: button!.box.height,
      buttonFontWeight: button!.css.fontWeight,
      buttonRadius: button!.css.borderRadius,
      labelFontWeight: label!.css.fontWeight,
      labelMargin: label!.css.margin,
      inputWidth: input!.box.width,
      inputHeight: input!.box.height,
      inputBorder: input!.css.border,
    };
  });
}

type Look = Awaited<ReturnType<typeof lookOf>>;

interface Seen {
  brandedLook: Look;
  defaultLook: Look;
  updatePasswordLook: Look;
  wording: Record<string, string | null>;
}

const seen = new Map<IdentityServer["kind"], Partial<Seen>>();

function suite(server: IdentityServer) {
  const realms: string[] = [];
  const record = (values: Partial<Seen>) => seen.set(server.kind, { ...seen.get(server.kind), ...values });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${server.kind}-${name}.png`), fullPage: true });

  describeOnServer(
    `the login page on ${server.label}`,
    server,
    () => {
      it("shows the realm's branding: name, tagline, logo, favicon, brand colour on the card's top border and the button", async () => {
        const name = realmName("brand");
        realms.push(name);
        await tenantRealm(name);
        const color = "#0f766e";
        const logoUrl = `${assetOrigin}/acme-logo.png`;
        const faviconUrl = `${assetOrigin}/acme-favicon.png`;
        await setRealmBranding(name, { displayName: "Acme <Rockets> & Co", tagline: "Rockets <since> 1949", color, logoUrl });
        await ensureRealm({ name, displayName: name, enabled: true, attributes: { "gatehouse.faviconUrl": faviconUrl } });

        const page = await openLogin(name);
        try {
          await ui(page.getByRole("heading", { level: 1 })).toHaveText("Acme <Rockets> & Co");
          await ui(page).toHaveTitle("Sign in · Acme <Rockets> & Co");
          await ui(page.locator(".tagline")).toHaveText("Rockets <since> 1949");
          await ui(page.locator(".lead")).toHaveText("Sign in to your account");
          const logo = page.locator("img.logo");
          await ui(logo).toHaveAttribute("src", logoUrl);
          await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
          await ui(page.locator('link[rel="icon"]')).toHaveAttribute("href", faviconUrl);

          await ui(page.getByLabel("Username or email")).toBeVisible();
          await ui(page.getByLabel("Password", { exact: true })).toBeVisible();
          await ui(page.getByLabel("Password", { exact: true })).toHaveAttribute("type", "password");
          const button = page.getByRole("button", { name: "Sign in" });
          await ui(button).toBeVisible();
          await ui(page.locator('[role="alert"]')).toBeHidden(); // empty until there is an error

          const look = await lookOf(page);
          expect(look.buttonBackground).toBe(rgb(color));
          expect(look.buttonColor).toBe(rgb(textColorOn(color)));
          expect(look.cardBorderTopColor).toBe(rgb(color));
          expect(look.cardBorderTopWidth).toBe("6px"); // .375rem
          expect(look.cardWidth).toBe(416); // max-width 26rem
          expect(look.h1FontSize).toBe("24px");
          record({ brandedLook: look });
          await shot(page, "branded");
        } finally {
          await page.context().close();
        }
      });

      it("shows the default look and the realm's name for a realm without branding", async () => {
        const name = realmName("plain");
        realms.push(name);
        await tenantRealm(name);
        const page = await openLogin(name);
        try {
          await ui(page.getByRole("heading", { level: 1 })).toHaveText(name);
          await ui(page.locator(".tagline")).toHaveCount(0);
          await ui(page.locator("img.logo")).toHaveCount(0);
          await ui(page.locator('link[rel="icon"]')).toHaveCount(0);
          const look = await lookOf(page);
          expect(look.buttonBackground).toBe(rgb(DEFAULT_BRAND_COLOR));
          expect(look.buttonColor).toBe(rgb(textColorOn(DEFAULT_BRAND_COLOR)));
          expect(look.cardBorderTopColor).toBe(rgb(DEFAULT_BRAND_COLOR));
          record({ defaultLook: look });
          await shot(page, "default");
        } finally {
          await page.context().close();
        }
      });

      it("ignores a colour that is no hex colour and a logo that is no http(s) URL", async () => {
        const name = realmName("bad");
        realms.push(name);
        await tenantRealm(name);
        await ensureRealm({
          name,
          displayName: name,
          enabled: true,
          attributes: {
            "gatehouse.brandColor": "red;}main{display:none",
            "gatehouse.onBrandColor": "#000;}",
            "gatehouse.logoUrl": "javascript:alert(1)",
            "gatehouse.tagline": "<b>bold</b>",
          },
        });
        const page = await openLogin(name);
        try {
          await ui(page.locator("img.logo")).toHaveCount(0);
          await ui(page.locator(".tagline")).toHaveText("<b>bold</b>");
          await ui(page.locator(".tagline b")).toHaveCount(0);
          const look = await lookOf(page);
          expect(look.buttonBackground).toBe(rgb(DEFAULT_BRAND_COLOR));
          expect(look.buttonColor).toBe(rgb(textColorOn(DEFAULT_BRAND_COLOR)));
        } finally {
          await page.context().close();
        }
      });

      it("says 'Invalid username or password.' in the alert region after a wrong password", async () => {
        const name = realmName("wrong");
        realms.push(name);
        await tenantRealm(name);
        await createUser(name, { username: "wrong-user" }, "pw-right-long-enough", ["member"]);
        const page = await openLogin(name);
        try {
          await page.getByLabel("Username or email").fill("wrong-user");
          await page.getByLabel("Password", { exact: true }).fill("not-the-password");
          await page.getByRole("button", { name: "Sign in" }).click();
          const alert = page.getByRole("alert");
          await ui(alert).toHaveText("Invalid username or password.");
          await ui(alert).toBeVisible();
          await ui(page.getByLabel("Username or email")).toHaveValue("wrong-user");
          await ui(page.getByLabel("Username or email")).toHaveAttribute("aria-invalid", "true");
          await ui(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
          record({ wording: { ...seen.get(server.kind)?.wording, invalid: await alert.textContent() } });
          await shot(page, "wrong-password");
        } finally {
          await page.context().close();
        }
      });

      it("asks a user with a temporary password for a new one, in the same words, and then goes back to the app", async () => {
        const name = realmName("temp");
        realms.push(name);
        await tenantRealm(name);
        await setRealmBranding(name, { displayName: "Temp Co", tagline: null, color: "#ffcc00", logoUrl: null });
        await createUser(name, { username: "temp-user" }, "pw-temporary-1", ["member"], { temporary: true });
        const page = await openLogin(name);
        try {
          await page.getByLabel("Username or email").fill("temp-user");
          await page.getByLabel("Password", { exact: true }).fill("pw-temporary-1");
          await page.getByRole("button", { name: "Sign in" }).click();
          await ui(page.getByLabel("New password", { exact: true })).toBeVisible();
          await ui(page).toHaveTitle("Set a new password · Temp Co");
          await ui(page.getByRole("heading", { level: 1 })).toHaveText("Temp Co");
          await ui(page.locator(".lead")).toHaveText("You need to choose a new password before you continue.");
          await ui(page.getByLabel("Confirm new password", { exact: true })).toBeVisible();
          const save = page.getByRole("button", { name: "Save password and continue" });
          await ui(save).toBeVisible();
          await ui(page.getByRole("alert")).toBeHidden();
          const look = await lookOf(page);
          expect(look.buttonBackground).toBe(rgb("#ffcc00"));
          expect(look.buttonColor).toBe(rgb("#000000"));
          record({ updatePasswordLook: look });
          await shot(page, "update-password");

          await page.getByLabel("New password", { exact: true }).fill("pw-chosen-long-enough");
          await page.getByLabel("Confirm new password", { exact: true }).fill("pw-something-else");
          await save.click();
          await ui(page.getByRole("alert")).toHaveText("The passwords do not match.");
          record({ wording: { ...seen.get(server.kind)?.wording, mismatch: await page.getByRole("alert").textContent() } });

          await page.getByLabel("New password", { exact: true }).fill("pw-chosen-long-enough");
          await page.getByLabel("Confirm new password", { exact: true }).fill("pw-chosen-long-enough");
          await page.getByRole("button", { name: "Save password and continue" }).click();
          await page.waitForURL((url) => url.href.startsWith(REDIRECT_URI));
          expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
        } finally {
          await page.context().close();
        }
      });

      it("shows an error (an unknown client) in the realm's card, in the alert region", async () => {
        const name = realmName("err");
        realms.push(name);
        await tenantRealm(name);
        await setRealmBranding(name, { displayName: "Err Co", tagline: null, color: "#7c3aed", logoUrl: null });
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
          const url = new URL(`${issuerFor(name)}/protocol/openid-connect/auth`);
          url.search = new URLSearchParams({ client_id: "no-such-client", redirect_uri: REDIRECT_URI, response_type: "code", scope: "openid" }).toString();
          await page.goto(url.href);
          await ui(page.getByRole("heading", { level: 1 })).toHaveText("Err Co");
          await ui(page.locator(".lead")).toHaveText("Something went wrong");
          await ui(page.getByRole("alert")).toBeVisible();
          await ui(page.getByRole("alert")).not.toBeEmpty();
          await ui(page.locator("form")).toHaveCount(0);
          expect(await page.locator("main").evaluate((main) => getComputedStyle(main).borderTopColor)).toBe(rgb("#7c3aed"));
          await shot(page, "error");
        } finally {
          await context.close();
        }
      });

      it("asks a signed-in user to confirm a sign-out that came without an ID token, with a 'Sign out' button", async () => {
        const name = realmName("bye");
        realms.push(name);
        await tenantRealm(name);
        await createUser(name, { username: "bye-user" }, "pw-bye-long-enough", ["member"]);
        const page = await openLogin(name);
        try {
          await page.getByLabel("Username or email").fill("bye-user");
          await page.getByLabel("Password", { exact: true }).fill("pw-bye-long-enough");
          await page.getByRole("button", { name: "Sign in" }).click();
          await page.waitForURL((url) => url.href.startsWith(REDIRECT_URI));
          await page.goto(`${issuerFor(name)}/protocol/openid-connect/logout`);
          await ui(page.locator(".lead")).toHaveText("Do you want to sign out?");
          await ui(page).toHaveTitle(`Sign out · ${name}`);
          const button = page.getByRole("button", { name: "Sign out" });
          await ui(button).toBeVisible();
          expect(await button.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe(rgb(DEFAULT_BRAND_COLOR));
          await shot(page, "logout-confirm");
          await button.click();
          await ui(page.locator(".lead")).toHaveText("Signed out");
          await ui(page.locator(".notice")).toHaveText("You have signed out.");
          await shot(page, "signed-out");
        } finally {
          await page.context().close();
        }
      });
    },
    async () => {
      for (const r of realms) await deleteRealm(r);
    },
  );
}

for (const server of identityServers) suite(server);

describe.skipIf(!keycloakServer.enabled)("the login page looks the same on both servers", () => {
  it("has the same computed styles and the same words on the embedded server and on Keycloak", () => {
    const [embedded, keycloak] = [seen.get("embedded"), seen.get("keycloak")];
    for (const key of ["brandedLook", "defaultLook", "updatePasswordLook", "wording"] as const) {
      expect(embedded?.[key], `${key} on the embedded server`).toBeDefined();
      expect(keycloak?.[key], `${key} on Keycloak`).toBeDefined();
      expect(keycloak?.[key], key).toEqual(embedded?.[key]);
    }
  });
});

describe("Gatehouse's Keycloak login theme", () => {
  it("starts its stylesheet with the embedded login pages' rules, unchanged", () => {
    const css = fs.readFileSync(path.join(THEME_SOURCE, "gatehouse", "login", "resources", "css", "gatehouse.css"), "utf8");
    expect(css.startsWith(STYLE.trimStart())).toBe(true);
  });

  it("extends keycloak.v2 and loads only its own stylesheet", () => {
    const properties = fs.readFileSync(path.join(THEME_SOURCE, "gatehouse", "login", "theme.properties"), "utf8");
    expect(properties).toMatch(/^parent=keycloak\.v2$/m);
    expect(properties).toMatch(/^styles=css\/gatehouse\.css$/m);
    expect(properties).toMatch(/^stylesCommon=$/m);
  });

  it("prints nothing of the realm's data unescaped", () => {
    const dir = path.join(THEME_SOURCE, "gatehouse", "login");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
      const text = fs.readFileSync(path.join(dir, file), "utf8").replace(/<#--[\s\S]*?-->/g, "");
      expect(text, file).toMatch(/^<#ftl output_format="HTML">/);
      expect(text, file).not.toContain("?no_esc");
      expect(text, file).not.toMatch(/<#noautoesc|output_format="plainText"/i);
    }
  });
});
