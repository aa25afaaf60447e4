// Signs a user in through a realm's real login pages over HTTP, as a browser without JavaScript
// would: the authorization-code flow with PKCE, following redirects, keeping cookies, and filling
// in whatever forms the identity server shows (login, new password, logout confirmation). Works
// the same on Keycloak's FreeMarker pages and the embedded server's.
import * as oidc from "openid-client";
import { JSDOM } from "jsdom";
import type { FetchLike } from "@/tests/support/from-address";

/** Cookies per origin; enough for one identity server's login pages. */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  store(url: URL, response: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(header) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(url.origin, jar);
  }
  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export type PageKind = "login" | "update-password" | "confirm";

export interface Browser {
  jar: CookieJar;
  /** The kinds of pages met, in order. */
  pages: PageKind[];
  /** How it reaches the identity server: `fetch`, or one leaving from another address (tests/support/from-address.ts). */
  fetch: FetchLike;
}

export function newBrowser(fetchImpl: FetchLike = fetch): Browser {
  return { jar: new CookieJar(), pages: [], fetch: fetchImpl };
}

interface FormAnswers {
  username: string;
  password: string;
  newPassword?: string;
}

function fill(html: string, pageUrl: URL, answers: FormAnswers | null): { kind: PageKind; action: URL; body: URLSearchParams } {
  const document = new JSDOM(html).window.document;
  const form = document.querySelector("form");
  if (!form) throw new Error(`A page without a form: ${document.title} — ${document.body?.textContent?.trim().slice(0, 300)}`);
  const body = new URLSearchParams();
  for (const input of form.querySelectorAll("input")) if (input.name && input.type !== "submit" && input.type !== "checkbox") body.set(input.name, input.value);
  let kind: PageKind;
  if (form.querySelector("input[name=password-new]")) {
    if (!answers?.newPassword) throw new Error("The identity server asks for a new password, and none was given");
    body.set("password-new", answers.newPassword);
    body.set("password-confirm", answers.newPassword);
    kind = "update-password";
  } else if (form.querySelector("input[name=password]")) {
    if (!answers) throw new Error("The identity server asks to sign in again");
    body.set("username", answers.username);
    body.set("password", answers.password);
    kind = "login";
  } else {
    kind = "confirm";
  }
  const submit = form.querySelector<HTMLButtonElement | HTMLInputElement>("button[name], input[type=submit][name]");
  if (submit) body.set(submit.name, submit.value || "on");
  return { kind, action: new URL(form.getAttribute("action") ?? pageUrl.href, pageUrl), body };
}

/**
 * Follows a browser's way from `start` until a redirect to `stopAt` (returned), filling in forms
 * with `answers` on the way. An error page, a form it cannot fill or too many steps throw.
 */
export async function browse(browser: Browser, start: URL, stopAt: string, answers: FormAnswers | null): Promise<URL> {
  let next: { url: URL; init: RequestInit } = { url: start, init: { method: "GET" } };
  for (let step = 0; step < 20; step++) {
    const { url, init } = next;
    const response = await browser.fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: browser.jar.header(url) } });
    browser.jar.store(url, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, url);
      if (target.href.startsWith(stopAt)) return target;
      next = { url: target, init: { method: "GET" } };
      continue;
    }
    const html = await response.text();
    if (response.status >= 400 && !html.includes("<form"))
      throw new Error(`HTTP ${response.status} at ${url.pathname}: ${new JSDOM(html).window.document.body?.textContent?.trim().slice(0, 300)}`);
    const filled = fill(html, url, answers);
    browser.pages.push(filled.kind);
    next = { url: filled.action, init: { method: "POST", body: filled.body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } } };
  }
  throw new Error(`No redirect to ${stopAt} after 20 steps`);
}

export interface CodeFlowResult {
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  claims: Record<string, unknown>;
  config: oidc.Configuration;
  browser: Browser;
}

interface ClientOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

async function authorizationStart(options: ClientOptions) {
  const config = await oidc.discovery(new URL(options.issuer), options.clientId, options.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const start = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: "openid profile email",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { config, verifier, state, nonce, start };
}

/** The authorization-code flow with PKCE, through the realm's login pages, ending with the code exchanged for tokens. */
export async function codeFlowLogin(options: ClientOptions & { username: string; password: string; newPassword?: string; browser?: Browser }): Promise<CodeFlowResult> {
  const { config, verifier, state, nonce, start } = await authorizationStart(options);
  const browser = options.browser ?? newBrowser();
  const callback = await browse(browser, start, options.redirectUri, options);
  const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { tokens, claims: tokens.claims() as Record<string, unknown>, config, browser };
}

/** RP-initiated logout at the end-session endpoint the realm's discovery names, in the same browser. */
export async function endSession(result: CodeFlowResult, postLogoutRedirectUri: string): Promise<void> {
  const url = oidc.buildEndSessionUrl(result.config, { id_token_hint: result.tokens.id_token!, post_logout_redirect_uri: postLogoutRedirectUri });
  await browse(result.browser, url, postLogoutRedirectUri, null);
}

/** What the login page answered one submission: signed in, or the page again with its status and alert. */
export type LoginPageAnswer = { signedIn: true } | { signedIn: false; status: number; alert: string; retryAfter: string | null };

/**
 * Opens the realm's login page once and submits it with each of `attempts` in turn (each time the
 * form the previous answer showed), as one browser reaching the server through `fetchImpl`.
 * Stops at a sign-in; returns what each submission was answered.
 */
export async function loginPageAnswers(options: ClientOptions & { attempts: { username: string; password: string }[]; fetch?: FetchLike }): Promise<LoginPageAnswer[]> {
  const { start } = await authorizationStart(options);
  const browser = newBrowser(options.fetch);
  const request = async (url: URL, init: RequestInit) => {
    let next = { url, init };
    for (let hop = 0; hop < 10; hop++) {
      const response = await browser.fetch(next.url, {
        ...next.init,
        redirect: "manual",
        headers: { ...(next.init.headers as Record<string, string>), cookie: browser.jar.header(next.url) },
      });
      browser.jar.store(next.url, response);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: next.url, done: false };
      const target = new URL(location, next.url);
      if (target.href.startsWith(options.redirectUri)) return { response, url: target, done: true };
      next = { url: target, init: { method: "GET" } };
    }
    throw new Error(`Too many redirects from ${url.href}`);
  };
  let page = await request(start, { method: "GET" });
  let html = await page.response.text();
  const answers: LoginPageAnswer[] = [];
  for (const attempt of options.attempts) {
    const filled = fill(html, page.url, attempt);
    if (filled.kind !== "login") throw new Error(`Expected the login form, got ${filled.kind}`);
    page = await request(filled.action, { method: "POST", body: filled.body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    if (page.done) {
      answers.push({ signedIn: true });
      break;
    }
    html = await page.response.text();
    const alert = new JSDOM(html).window.document.querySelector("[role=alert]")?.textContent?.trim() ?? "";
    answers.push({ signedIn: false, status: page.response.status, alert, retryAfter: page.response.headers.get("retry-after") });
  }
  return answers;
}
