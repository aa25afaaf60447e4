// The branded login page and the account checks shared with the password grant.
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertText, Browser, loginForm, startTestIdp, uniqueName, type TestIdp } from "@/idp/test-support/harness";
import { fetchFrom, type FetchLike } from "@/tests/support/from-address";
import { REALM_PASSWORD_POLICY } from "@/shared/password-policy";
import { discover, exchange, loginWithCode, provisionRealm, startAuthorization, submitLogin, type RealmFixture } from "@/idp/test-support/flows";

let idp: TestIdp;
let kc: KcAdminClient;

beforeAll(async () => {
  idp = await startTestIdp();
  kc = await idp.admin();
});

afterAll(async () => {
  await idp?.close();
});

async function realmWithUser(options: Parameters<typeof provisionRealm>[2] = {}): Promise<RealmFixture & { config: oidc.Configuration }> {
  const fixture = await provisionRealm(kc, uniqueName("tenant"), options);
  return { ...fixture, config: await discover(idp.url, fixture.realm, fixture.clientId, fixture.secret) };
}

async function passwordGrant(
  realm: string,
  clientId: string,
  username: string,
  password: string,
  fetchImpl: FetchLike = fetch,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; retryAfter: string | null }> {
  const response = await fetchImpl(`${idp.url}/realms/${realm}/protocol/openid-connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ grant_type: "password", client_id: clientId, username, password }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, retryAfter: response.headers.get("retry-after") };
}

/** The HTTP status of a failed admin-client call. */
async function failure(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    if (error && typeof error === "object" && "response" in error && error.response instanceof Response) return error.response.status;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the login page", () => {
  it("is branded with the realm's display name, tagline, colour and logo, and is accessible", async () => {
    const t = await realmWithUser({
      displayName: "Acme <Corp> & Sons",
      attributes: { "gatehouse.brandColor": "#0F766E", "gatehouse.logoUrl": "https://cdn.example.com/acme.png", "gatehouse.tagline": "Rockets <since> 1949" },
    });
    const { page } = await startAuthorization(t.config);
    expect(page.status).toBe(200);
    expect(page.url).toMatch(new RegExp(`/realms/${t.realm}/login-actions/`));
    const html = page.html;
    expect(html).toContain("<h1>Acme &#60;Corp&#62; &#38; Sons</h1>");
    expect(html).not.toContain("<Corp>");
    expect(html).toContain('<p class="tagline">Rockets &#60;since&#62; 1949</p>');
    expect(html).toContain("--brand:#0f766e");
    expect(html).toContain('<img class="logo" src="https://cdn.example.com/acme.png" alt="">');
    expect(html).toContain('<label for="username">');
    expect(html).toContain('<label for="password">');
    expect(html).toMatch(/<input id="username"[^>]*autocomplete="username"/);
    expect(html).toMatch(/<input id="password"[^>]*type="password"[^>]*autocomplete="current-password"/);
    expect(html).toContain('role="alert"');
    expect(html).toContain(":focus-visible");
    expect(html).toMatch(/<form method="post" action="[^"]+">/);
    expect(html).not.toMatch(/<script|https?:\/\/fonts/);
  });

  it("falls back to the default colour for an invalid one and ignores a non-http logo", async () => {
    const t = await realmWithUser({ attributes: { "gatehouse.brandColor": "red;}body{display:none", "gatehouse.logoUrl": "javascript:alert(1)" } });
    const { page } = await startAuthorization(t.config);
    expect(page.html).toContain("--brand:#2563eb");
    expect(page.html).not.toContain("javascript:");
    expect(page.html).not.toContain("<img");
    expect(page.html).not.toContain('class="tagline"');
  });

  it("sends security headers", async () => {
    const t = await realmWithUser();
    const attempt = await startAuthorization(t.config);
    const response = await attempt.browser.request(attempt.page.url);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("failed logins", () => {
  it("says so for a wrong password or an unknown user, keeping the username", async () => {
    const t = await realmWithUser();
    const attempt = await startAuthorization(t.config);
    const wrong = await submitLogin(attempt, t.username, "not-the-password");
    expect(wrong.callback).toBeUndefined();
    expect(alertText(wrong.html)).toBe("Invalid username or password.");
    expect(wrong.html).toContain(`value="${t.username}"`);
    expect(wrong.html).toContain('aria-invalid="true"');

    const unknown = await submitLogin({ ...attempt, page: { url: wrong.url, status: wrong.status, html: wrong.html } }, "nobody", "whatever");
    expect(alertText(unknown.html)).toBe("Invalid username or password.");
  });

  it("refuses a NUL in the form with 400 and treats one in the password grant as an unknown user, not a 500 from PostgreSQL", async () => {
    const t = await realmWithUser();
    const attempt = await startAuthorization(t.config);
    const refused = await submitLogin(attempt, "a\u0000b", "whatever");
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.html)).toMatchObject({ error: "invalid_request", errorMessage: expect.stringMatching(/username.*NUL/) });
    // The password grant's body is oidc-provider's to parse: such a name is an unknown user there.
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const grant = await passwordGrant(t.realm, "cli", "a\u0000b", "whatever");
    expect(grant).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    const token = await fetch(`${idp.url}/realms/${t.realm}/protocol/openid-connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "authorization_code", client_id: t.clientId, client_secret: t.secret, code: "a\u0000b", redirect_uri: "http://localhost/cb" }),
    });
    expect(token.status).toBe(400);
  });

  it("refuses a disabled user with a clear message, on the page and in the password grant", async () => {
    const t = await realmWithUser();
    await kc.users.update({ realm: t.realm, id: t.userId }, { enabled: false });
    const attempt = await startAuthorization(t.config);
    const result = await submitLogin(attempt, t.username, t.password);
    expect(result.status).toBe(403);
    expect(alertText(result.html)).toBe("Your account is disabled. Contact your administrator.");

    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    expect(await passwordGrant(t.realm, "cli", t.username, t.password)).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: "Account disabled" },
    });
  });

  it("makes this address wait after 5 failures of a name, saying so with the same words for a known and an unknown name", async () => {
    const t = await realmWithUser();
    const series = async (username: string) => {
      const attempt = await startAuthorization(t.config);
      let page = attempt.page;
      const seen: { status: number; alert: string }[] = [];
      for (let i = 1; i <= 6; i++) {
        const result = await submitLogin({ ...attempt, page }, username, i === 6 && username === t.username ? t.password : `wrong-${i}`);
        page = { url: result.url, status: result.status, html: result.html };
        seen.push({ status: result.status, alert: alertText(result.html).replace(/\b(59|60) seconds/, "N seconds") });
      }
      return { seen, attempt, page };
    };
    const known = await series(t.username);
    const unknown = await series("nobody-at-all");
    const expected = [
      ...Array.from({ length: 4 }, () => ({ status: 200, alert: "Invalid username or password." })),
      // the 5th failure starts the wait; the right password during it is not even looked at
      { status: 429, alert: "Invalid username or password. Try again in N seconds." },
      { status: 429, alert: "Invalid username or password. Try again in N seconds." },
    ];
    expect(known.seen).toEqual(expected);
    expect(unknown.seen).toEqual(expected);

    const status = await kc.attackDetection.findOne({ realm: t.realm, id: t.userId });
    expect(status).toMatchObject({ numFailures: 5, disabled: true, lastIPFailure: "127.0.0.1" });

    // An admin clears the wait; the right password works again.
    await kc.attackDetection.del({ realm: t.realm, id: t.userId });
    expect(await kc.attackDetection.findOne({ realm: t.realm, id: t.userId })).toMatchObject({ numFailures: 0, disabled: false });
    const ok = await submitLogin({ ...known.attempt, page: known.page }, t.username, t.password);
    expect(ok.callback).toBeDefined();
  });

  it("counts failures per client address: another address signs in, the failing one waits on", async () => {
    const t = await realmWithUser();
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const [attacker, owner] = [fetchFrom("127.0.0.2"), fetchFrom("127.0.0.3")];
    for (let i = 0; i < 5; i++) await passwordGrant(t.realm, "cli", t.username, `wrong-${i}`, attacker);
    expect(await passwordGrant(t.realm, "cli", t.username, t.password, attacker)).toMatchObject({
      status: 400,
      body: { error: "invalid_grant", error_description: expect.stringMatching(/^Invalid user credentials\. Try again in (59|60) seconds\.$/) },
    });
    expect((await passwordGrant(t.realm, "cli", t.username, t.password, owner)).status).toBe(200);
    expect((await passwordGrant(t.realm, "cli", t.username, t.password, attacker)).status).toBe(400);
    // The email is another name: counted apart, so a wait tells nothing about which names are one account.
    expect((await passwordGrant(t.realm, "cli", "alice@example.com", t.password, attacker)).status).toBe(200);
    expect(await kc.attackDetection.findOne({ realm: t.realm, id: t.userId })).toMatchObject({ numFailures: 5, disabled: true, lastIPFailure: "127.0.0.2" });
  });

  it("counts one address's failures across names too: a spray over many names makes that address wait for every name", async () => {
    const t = await realmWithUser();
    // The per-address factor is ten times the realm's: 2 → 20 failures over any names.
    await kc.realms.update({ realm: t.realm }, { failureFactor: 2, waitIncrementSeconds: 30 });
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const [sprayer, owner] = [fetchFrom("127.0.0.5"), fetchFrom("127.0.0.6")];
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await passwordGrant(t.realm, "cli", `guess-${i}@example.com`, "Summer2026!", sprayer));
    // One failure per name never reaches a name's own wait; the 20th failure from the address does.
    expect(answers.slice(0, 19).map((a) => a.body.error_description)).toEqual(Array(19).fill("Invalid user credentials"));
    expect(answers[19]).toMatchObject({ status: 400, retryAfter: "30" });
    // Now every name waits from that address, a real user with the right password included — and says nothing more.
    expect((await passwordGrant(t.realm, "cli", t.username, t.password, sprayer)).body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/^Invalid user credentials\. Try again in (29|30) seconds\.$/),
    });
    expect((await passwordGrant(t.realm, "cli", t.username, t.password, owner)).status).toBe(200);
    // The user's own counts are untouched: nothing failed under their name.
    expect(await kc.attackDetection.findOne({ realm: t.realm, id: t.userId })).toMatchObject({ numFailures: 0, disabled: false });
  });

  it("uses the realm's brute-force settings: factor, increment, strategy, and says how long in Retry-After", async () => {
    const t = await realmWithUser();
    await kc.realms.update({ realm: t.realm }, { failureFactor: 2, waitIncrementSeconds: 7 });
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    await passwordGrant(t.realm, "cli", t.username, "wrong");
    const second = await passwordGrant(t.realm, "cli", t.username, "wrong");
    expect(second.retryAfter).toBe("7");
    expect((await passwordGrant(t.realm, "cli", t.username, t.password)).body).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/^Invalid user credentials\. Try again in [67] seconds\.$/),
    });

    // LINEAR: every failure past the factor waits one increment more (MULTIPLE would wait 1 × 1 s again).
    await kc.realms.update({ realm: t.realm }, { waitIncrementSeconds: 1, bruteForceStrategy: "LINEAR" });
    expect((await kc.realms.findOne({ realm: t.realm }))?.bruteForceStrategy).toBe("LINEAR");
    const linear = fetchFrom("127.0.0.4");
    await passwordGrant(t.realm, "cli", t.username, "wrong", linear);
    expect((await passwordGrant(t.realm, "cli", t.username, "wrong", linear)).retryAfter).toBe("1");
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await passwordGrant(t.realm, "cli", t.username, "wrong", linear)).retryAfter).toBe("2");
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await passwordGrant(t.realm, "cli", t.username, "wrong", linear)).retryAfter).toBe("3");

    expect(await failure(kc.realms.update({ realm: t.realm }, { permanentLockout: true }))).toBe(400);
    await kc.realms.update({ realm: t.realm }, { bruteForceProtected: false });
    expect((await passwordGrant(t.realm, "cli", t.username, t.password)).status).toBe(200);
  });

  it("refuses a form without its CSRF token and an unknown interaction", async () => {
    const t = await realmWithUser();
    const attempt = await startAuthorization(t.config);
    const form = loginForm(attempt.page.html, attempt.page.url);
    const forged = await attempt.browser.request(form.action, { form: { step: "login", username: t.username, password: t.password } });
    expect(forged.status).toBe(403);

    const stranger = new Browser();
    const noCookie = await stranger.request(form.action, { form: { csrf: form.csrf, step: "login", username: t.username, password: t.password } });
    expect(noCookie.status).toBe(400);
    expect(alertText(await noCookie.text())).toContain("expired");
  });
});

describe("a suspended realm", () => {
  it("refuses authorization requests with a page that says so, and every grant", async () => {
    const t = await realmWithUser();
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    await kc.realms.update({ realm: t.realm }, { enabled: false });

    const attempt = await startAuthorization(t.config);
    expect(attempt.page.status).toBe(403);
    expect(alertText(attempt.page.html)).toBe("This workspace is suspended. Contact your administrator.");
    expect(attempt.page.html).toContain(`Tenant ${t.realm}`);

    expect((await passwordGrant(t.realm, "cli", t.username, t.password)).status).toBe(403);
    await expect(oidc.clientCredentialsGrant(t.config)).rejects.toThrow();

    await kc.realms.update({ realm: t.realm }, { enabled: true });
    expect((await passwordGrant(t.realm, "cli", t.username, t.password)).status).toBe(200);
  });

  it("stops a login already on the page", async () => {
    const t = await realmWithUser();
    const attempt = await startAuthorization(t.config);
    await kc.realms.update({ realm: t.realm }, { enabled: false });
    const result = await submitLogin(attempt, t.username, t.password);
    expect(result.status).toBe(403);
    expect(alertText(result.html)).toBe("This workspace is suspended. Contact your administrator.");
  });
});

describe("a disabled user's sessions", () => {
  it("end at once: refresh token, userinfo and the browser session stop working", async () => {
    const t = await realmWithUser();
    const browser = new Browser();
    const { tokens } = await loginWithCode(t.config, t.username, t.password, browser);
    const refreshed = await oidc.refreshTokenGrant(t.config, tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();

    await kc.users.update({ realm: t.realm, id: t.userId }, { enabled: false });

    await expect(oidc.refreshTokenGrant(t.config, refreshed.refresh_token ?? tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    await expect(oidc.fetchUserInfo(t.config, refreshed.access_token, t.userId)).rejects.toThrow();
    const { rows } = await idp.sql.query("SELECT count(*) AS n FROM oidc_models WHERE realm = $1 AND account_id = $2", [t.realm, t.userId]);
    expect(Number(rows[0].n)).toBe(0);

    const again = await startAuthorization(t.config, browser);
    expect(again.page.html).toContain('name="password"');

    await kc.users.update({ realm: t.realm, id: t.userId }, { enabled: true });
    await loginWithCode(t.config, t.username, t.password, browser);
  });
});

describe("a temporary password", () => {
  it("must be replaced on the next login, then the login completes", async () => {
    const t = await realmWithUser();
    await kc.users.resetPassword({ realm: t.realm, id: t.userId, credential: { type: "password", value: "one-time-pass", temporary: true } });
    await kc.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    expect((await passwordGrant(t.realm, "cli", t.username, "one-time-pass")).body).toMatchObject({ error_description: "Account is not fully set up" });

    const attempt = await startAuthorization(t.config);
    const result = await submitLogin(attempt, t.username, "one-time-pass");
    expect(result.callback).toBeUndefined();
    expect(result.html).toContain('autocomplete="new-password"');
    const form = loginForm(result.html, result.url);

    const mismatch = await attempt.browser.follow(form.action, "http://app.test/", {
      form: { csrf: form.csrf, step: "update-password", "password-new": "brand-new-pass", "password-confirm": "different" },
    });
    expect(alertText(await mismatch.response.text())).toBe("The passwords do not match.");

    const done = await attempt.browser.follow(form.action, "http://app.test/", {
      form: { csrf: form.csrf, step: "update-password", "password-new": "brand-new-pass", "password-confirm": "brand-new-pass" },
    });
    expect(done.url).toMatch(/^http:\/\/app\.test\/.*code=/);
    const tokens = await exchange(attempt, new URL(done.url));
    expect(tokens.claims()!.sub).toBe(t.userId);

    expect((await kc.users.findOne({ realm: t.realm, id: t.userId }))!.requiredActions).toEqual([]);
    expect((await passwordGrant(t.realm, "cli", t.username, "brand-new-pass")).status).toBe(200);
  });
});

describe("the new password", () => {
  it("is held to the realm's password policy on the page: 9 characters are refused with the reason, 10 accepted", async () => {
    const t = await realmWithUser();
    // As ensureRealm sets it on every Gatehouse realm.
    await kc.realms.update({ realm: t.realm }, { passwordPolicy: REALM_PASSWORD_POLICY });
    expect((await kc.realms.findOne({ realm: t.realm }))?.passwordPolicy).toBe(REALM_PASSWORD_POLICY);
    await kc.users.resetPassword({ realm: t.realm, id: t.userId, credential: { type: "password", value: "one-time-pass", temporary: true } });
    const attempt = await startAuthorization(t.config);
    const result = await submitLogin(attempt, t.username, "one-time-pass");
    expect(result.html).toMatch(/<input id="password-new"[^>]*minlength="10" maxlength="200"/);
    expect(result.html).toContain("At least 10 characters.");
    const form = loginForm(result.html, result.url);

    const nine = "nine-char";
    const refused = await attempt.browser.follow(form.action, "http://app.test/", {
      form: { csrf: form.csrf, step: "update-password", "password-new": nine, "password-confirm": nine },
    });
    const page = await refused.response.text();
    expect(alertText(page)).toBe("Choose a password of at least 10 characters.");
    expect(page).toContain('name="password-new"');
    expect((await kc.users.findOne({ realm: t.realm, id: t.userId }))!.requiredActions).toEqual(["UPDATE_PASSWORD"]);

    const ten = "ten-chars!";
    const done = await attempt.browser.follow(form.action, "http://app.test/", {
      form: { csrf: form.csrf, step: "update-password", "password-new": ten, "password-confirm": ten },
    });
    expect(done.url).toMatch(/^http:\/\/app\.test\/.*code=/);
    expect((await loginWithCode(t.config, t.username, ten)).tokens.claims()!.sub).toBe(t.userId);
  });

  it("is held to Gatehouse's policy on a realm that never had one set, and a policy the server cannot check is refused", async () => {
    const t = await realmWithUser();
    expect((await kc.realms.findOne({ realm: t.realm }))?.passwordPolicy).toBeUndefined();
    await expect(kc.users.resetPassword({ realm: t.realm, id: t.userId, credential: { type: "password", value: "nine-char", temporary: false } })).rejects.toMatchObject({
      response: { status: 400 },
    });
    expect(await failure(kc.realms.update({ realm: t.realm }, { passwordPolicy: "length(10) and digits(2)" }))).toBe(400);
    expect((await kc.realms.findOne({ realm: t.realm }))?.passwordPolicy).toBeUndefined();
  });
});

describe("login with the email address", () => {
  it("works like the username", async () => {
    const t = await realmWithUser();
    const { tokens } = await loginWithCode(t.config, "Alice@Example.com", t.password);
    expect(tokens.claims()!.sub).toBe(t.userId);
  });
});

describe("behind a trusted proxy", () => {
  const PROXY = "127.0.0.9";
  let proxied: TestIdp;
  let admin: KcAdminClient;

  beforeAll(async () => {
    proxied = await startTestIdp({ trustedProxies: PROXY });
    admin = await proxied.admin();
  });

  afterAll(async () => {
    await proxied?.close();
  });

  it("counts failures for the client the proxy names, and a client's own X-Forwarded-For for nothing", async () => {
    const t = await provisionRealm(admin, uniqueName("proxied"));
    await admin.clients.create({ realm: t.realm, clientId: "cli", publicClient: true, directAccessGrantsEnabled: true, standardFlowEnabled: false });
    const grant = (password: string, from: string, forwardedFor: string) =>
      fetchFrom(from)(`${proxied.url}/realms/${t.realm}/protocol/openid-connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor },
        body: new URLSearchParams({ grant_type: "password", client_id: "cli", username: t.username, password }).toString(),
      }).then((r) => r.status);

    for (let i = 0; i < 5; i++) expect(await grant(`wrong-${i}`, PROXY, "203.0.113.7")).toBe(400);
    expect(await admin.attackDetection.findOne({ realm: t.realm, id: t.userId })).toMatchObject({ disabled: true, lastIPFailure: "203.0.113.7" });
    expect(await grant(t.password, PROXY, "203.0.113.7")).toBe(400);
    expect(await grant(t.password, PROXY, "203.0.113.8")).toBe(200);

    // Straight from a client, X-Forwarded-For is ignored: the failures are the client's own.
    for (let i = 0; i < 5; i++) expect(await grant(`wrong-${i}`, "127.0.0.2", "203.0.113.8")).toBe(400);
    expect(await admin.attackDetection.findOne({ realm: t.realm, id: t.userId })).toMatchObject({ lastIPFailure: "127.0.0.2" });
    expect(await grant(t.password, PROXY, "203.0.113.8")).toBe(200);
    expect(await grant(t.password, "127.0.0.2", "203.0.113.8")).toBe(400);
  });
});
