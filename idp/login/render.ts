import { DEFAULT_BRAND_COLOR } from "@/idp/config";
import type { PasswordRules } from "@/idp/auth/password-policy";
import type { Realm } from "@/idp/store/realms";
import { normalizeHex, textColorOn } from "@/shared/contrast";

export const MESSAGES = {
  invalid: "Invalid username or password.",
  disabled: "Your account is disabled. Contact your administrator.",
  suspended: "This workspace is suspended. Contact your administrator.",
  /** The same words as `invalid`, whoever the name belongs to, and how long this address must wait. */
  throttled: (seconds: number) => `Invalid username or password. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
  expired: "This sign-in attempt has expired. Go back to the application and sign in again.",
  passwordMismatch: "The passwords do not match.",
  passwordTooShort: (min: number) => `Choose a password of at least ${min} characters.`,
  passwordTooLong: (max: number) => `Choose a password of at most ${max} characters.`,
} as const;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`=]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Brand {
  name: string;
  tagline: string | null;
  color: string;
  onColor: string;
  logoUrl: string | null;
  faviconUrl: string | null;
}

/** An http(s) URL, normalised; null for anything else (javascript:, data:, relative …). */
function webUrl(value: string | undefined): string | null {
  const url = URL.parse(value?.trim() ?? "");
  return url && (url.protocol === "https:" || url.protocol === "http:") ? url.href : null;
}

/**
 * Display name, tagline, colour, logo and favicon from the realm (attributes `gatehouse.tagline`,
 * `gatehouse.brandColor`, `gatehouse.logoUrl`, `gatehouse.faviconUrl`; an empty value means none).
 * Gatehouse's Keycloak login theme (lib/identity/keycloak-theme) reads the same attributes.
 */
export function brandOf(realm: Pick<Realm, "name" | "displayName" | "attributes"> | null): Brand {
  const color = normalizeHex(realm?.attributes["gatehouse.brandColor"] ?? "") ?? DEFAULT_BRAND_COLOR;
  return {
    name: realm?.displayName?.trim() || realm?.name || "Sign in",
    tagline: realm?.attributes["gatehouse.tagline"]?.trim() || null,
    color,
    onColor: textColorOn(color),
    logoUrl: webUrl(realm?.attributes["gatehouse.logoUrl"]),
    faviconUrl: webUrl(realm?.attributes["gatehouse.faviconUrl"]),
  };
}

/**
 * The login pages' stylesheet. Gatehouse's Keycloak login theme ships the same rules at the top of
 * lib/identity/keycloak-theme/gatehouse/login/resources/css/gatehouse.css (tests/login-theme.test.ts
 * keeps the two equal), so a realm's page looks the same on both identity servers.
 */
export const STYLE = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;background:#f3f4f6;color:#111827;line-height:1.5}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;border-top:.375rem solid var(--brand);box-shadow:0 1px 3px rgba(0,0,0,.2)}
.logo{display:block;max-height:3rem;max-width:100%;margin:0 0 1rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
.lead{margin:0 0 1.25rem;color:#374151}
.tagline{margin:0 0 1rem;color:#4b5563;font-size:.9375rem}
.alert{margin:0 0 1rem;padding:.75rem;border:1px solid #b91c1c;border-radius:.375rem;background:#fef2f2;color:#7f1d1d}
.alert:empty{display:none}
.notice{margin:0 0 1rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.625rem .75rem;font:inherit;color:inherit;background:#fff;border:1px solid #6b7280;border-radius:.375rem}
input[aria-invalid="true"]{border-color:#b91c1c}
.hint{margin:.25rem 0 0;font-size:.875rem;color:#4b5563}
button{display:block;width:100%;margin-top:1.5rem;padding:.75rem;font:inherit;font-weight:600;color:var(--on-brand);background:var(--brand);border:1px solid #111827;border-radius:.375rem;cursor:pointer}
a{color:#1d4ed8}
:focus-visible{outline:3px solid #111827;outline-offset:2px;box-shadow:0 0 0 5px #fff}
@media (prefers-reduced-motion:no-preference){button{transition:filter .15s}}
button:hover{filter:brightness(.92)}
`;

function layout(brand: Brand, title: string, body: string): string {
  const logo = brand.logoUrl ? `<img class="logo" src="${escapeHtml(brand.logoUrl)}" alt="">` : "";
  const tagline = brand.tagline ? `<p class="tagline">${escapeHtml(brand.tagline)}</p>\n` : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · ${escapeHtml(brand.name)}</title>
${brand.faviconUrl ? `<link rel="icon" href="${escapeHtml(brand.faviconUrl)}">\n` : ""}<style>:root{--brand:${brand.color};--on-brand:${brand.onColor}}${STYLE}</style>
</head>
<body>
<main>
${logo}<h1>${escapeHtml(brand.name)}</h1>
${tagline}${body}
</main>
</body>
</html>`;
}

function errorRegion(message: string | undefined): string {
  return `<div id="form-error" class="alert" role="alert">${message ? escapeHtml(message) : ""}</div>`;
}

export interface LoginPageInput {
  brand: Brand;
  action: string;
  csrf: string;
  username?: string;
  error?: string;
}

export function loginPage(input: LoginPageInput): string {
  const invalid = input.error ? ' aria-invalid="true" aria-describedby="form-error"' : "";
  const focusPassword = Boolean(input.username);
  return layout(
    input.brand,
    "Sign in",
    `<p class="lead">Sign in to your account</p>
${errorRegion(input.error)}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<input type="hidden" name="step" value="login">
<label for="username">Username or email</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(input.username ?? "")}"${focusPassword ? "" : " autofocus"}${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${focusPassword ? " autofocus" : ""}${invalid}>
<button type="submit">Sign in</button>
</form>`,
  );
}

export interface UpdatePasswordPageInput {
  brand: Brand;
  action: string;
  csrf: string;
  /** The realm's password policy: the hint and the browser's own check say the same as the server. */
  rules: PasswordRules;
  error?: string;
}

export function updatePasswordPage(input: UpdatePasswordPageInput): string {
  const invalid = input.error ? ' aria-invalid="true" aria-describedby="form-error password-hint"' : ' aria-describedby="password-hint"';
  return layout(
    input.brand,
    "Set a new password",
    `<p class="lead">You need to choose a new password before you continue.</p>
${errorRegion(input.error)}
<form method="post" action="${escapeHtml(input.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrf)}">
<input type="hidden" name="step" value="update-password">
<label for="password-new">New password</label>
<input id="password-new" name="password-new" type="password" autocomplete="new-password" minlength="${input.rules.minLength}"${input.rules.maxLength === null ? "" : ` maxlength="${input.rules.maxLength}"`} required autofocus${invalid}>
<p id="password-hint" class="hint">At least ${input.rules.minLength} characters.</p>
<label for="password-confirm">Confirm new password</label>
<input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" required>
<button type="submit">Save password and continue</button>
</form>`,
  );
}

/** A page that only says something: suspended workspace, expired attempt, signed out, errors. */
export function messagePage(brand: Brand, title: string, message: string, alert = false): string {
  const body = alert ? errorRegion(message) : `<p class="notice">${escapeHtml(message)}</p>`;
  return layout(brand, title, `<p class="lead">${escapeHtml(title)}</p>\n${body}`);
}

export const suspendedPage = (brand: Brand) => messagePage(brand, "Sign-in unavailable", MESSAGES.suspended, true);
export const expiredPage = (brand: Brand) => messagePage(brand, "Sign-in expired", MESSAGES.expired, true);

/** Logout confirmation; `form` is oidc-provider's hidden form (id "op.logoutForm", carrying its xsrf token). */
export function logoutConfirmPage(brand: Brand, form: string): string {
  return layout(
    brand,
    "Sign out",
    `<p class="lead">Do you want to sign out?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>`,
  );
}
