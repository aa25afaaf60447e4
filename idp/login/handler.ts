import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errors, type Interaction } from "oidc-provider";
import type { Queryable } from "@/idp/db";
import { authenticate, setPassword } from "@/idp/auth/authenticate";
import { passwordViolation, realmPasswordRules } from "@/idp/auth/password-policy";
import { readForm } from "@/idp/http/body";
import { clientAddress } from "@/idp/http/client-address";
import { sendHtml } from "@/idp/http/respond";
import { brandOf, expiredPage, loginPage, MESSAGES, messagePage, suspendedPage, updatePasswordPage, type Brand } from "@/idp/login/render";
import { extendGrant } from "@/idp/oidc/grants";
import { loginActionPath } from "@/idp/oidc/paths";
import type { RealmRuntime } from "@/idp/oidc/runtime";
import { findUser } from "@/idp/store/users";

export interface LoginDeps {
  db: Queryable;
  cookieSecret: string;
}

/**
 * The form's CSRF token, bound to the interaction. The interaction itself is bound to the browser
 * by oidc-provider's signed, SameSite cookie, which a cross-site form post does not carry.
 */
function csrfToken(secret: string, realm: string, uid: string): string {
  return createHmac("sha256", secret).update(`login\n${realm}\n${uid}`).digest("base64url");
}

function sameToken(expected: string, actual: string | null): boolean {
  if (!actual) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The user who proved their password but must choose a new one before the login completes. */
function pendingPasswordUpdate(details: Interaction): string | null {
  const state = details.result?.gatehouse;
  if (typeof state !== "object" || state === null || !("passwordUpdate" in state)) return null;
  return typeof state.passwordUpdate === "string" ? state.passwordUpdate : null;
}

/** GET and POST of `/realms/{realm}/login-actions/{uid}`: oidc-provider's login and consent prompts. */
export async function handleLoginAction(deps: LoginDeps, runtime: RealmRuntime, uid: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { provider, realm } = runtime;
  const brand = brandOf(realm);
  const action = loginActionPath(realm.name, uid);
  const csrf = csrfToken(deps.cookieSecret, realm.name, uid);

  let details: Interaction;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    if (error instanceof errors.SessionNotFound) return sendHtml(res, 400, expiredPage(brand));
    throw error;
  }
  if (details.uid !== uid) return sendHtml(res, 400, expiredPage(brand));
  if (!realm.enabled) return sendHtml(res, 403, suspendedPage(brand));

  if (details.prompt.name === "consent") return finishConsent(runtime, details, req, res);
  if (details.prompt.name !== "login") return sendHtml(res, 400, expiredPage(brand));

  const loginHint = typeof details.params.login_hint === "string" ? details.params.login_hint : undefined;
  const showLogin = (status: number, error?: string, username = loginHint, headers: Record<string, string> = {}) =>
    sendHtml(res, status, loginPage({ brand, action, csrf, username, error }), headers);
  const rules = realmPasswordRules(realm);
  const showUpdatePassword = (status: number, error?: string) => sendHtml(res, status, updatePasswordPage({ brand, action, csrf, rules, error }));

  if (req.method === "GET" || req.method === "HEAD") {
    return pendingPasswordUpdate(details) ? showUpdatePassword(200) : showLogin(200);
  }
  if (req.method !== "POST") return sendHtml(res, 405, messagePage(brand, "Sign in", "Method not allowed."), { allow: "GET, POST" });

  const form = await readForm(req);
  if (!sameToken(csrf, form.get("csrf"))) return sendHtml(res, 403, expiredPage(brand));

  if (form.get("step") === "update-password") {
    const userId = pendingPasswordUpdate(details);
    if (!userId) return showLogin(200);
    return updatePassword(deps, runtime, brand, userId, form, req, res, showUpdatePassword);
  }

  const username = form.get("username") ?? "";
  const outcome = await authenticate(deps.db, realm, username, form.get("password") ?? "", {
    ip: clientAddress(req),
    clientId: typeof details.params.client_id === "string" ? details.params.client_id : undefined,
  });
  if (!outcome.ok) {
    switch (outcome.reason) {
      case "invalid":
        return showLogin(200, MESSAGES.invalid, username);
      case "disabled":
        return showLogin(403, MESSAGES.disabled, username);
      case "realm_disabled":
        return sendHtml(res, 403, suspendedPage(brand));
      case "throttled":
        return showLogin(429, MESSAGES.throttled(outcome.retryAfterSeconds), username, { "retry-after": String(outcome.retryAfterSeconds) });
    }
  }
  if (outcome.mustUpdatePassword) {
    await provider.interactionResult(req, res, { gatehouse: { passwordUpdate: outcome.user.id } }, { mergeWithLastSubmission: false });
    return showUpdatePassword(200);
  }
  await finishLogin(runtime, outcome.user.id, req, res);
}

async function updatePassword(
  deps: LoginDeps,
  runtime: RealmRuntime,
  brand: Brand,
  userId: string,
  form: URLSearchParams,
  req: IncomingMessage,
  res: ServerResponse,
  showUpdatePassword: (status: number, error?: string) => void,
): Promise<void> {
  const user = await findUser(deps.db, runtime.realm.name, userId);
  if (!user?.enabled) return sendHtml(res, 403, messagePage(brand, "Sign-in unavailable", MESSAGES.disabled, true));
  const password = form.get("password-new") ?? "";
  const violation = passwordViolation(realmPasswordRules(runtime.realm), password);
  if (violation)
    return showUpdatePassword(200, violation.key === "invalidPasswordMinLengthMessage" ? MESSAGES.passwordTooShort(violation.limit) : MESSAGES.passwordTooLong(violation.limit));
  if (password !== form.get("password-confirm")) return showUpdatePassword(200, MESSAGES.passwordMismatch);
  await setPassword(deps.db, user, password, false);
  await finishLogin(runtime, user.id, req, res);
}

async function finishLogin(runtime: RealmRuntime, accountId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A browser-session cookie unless the realm had "remember me" (not implemented), as in Keycloak.
  await runtime.provider.interactionFinished(req, res, { login: { accountId, remember: false, amr: ["pwd"] } }, { mergeWithLastSubmission: false });
}

/** Consent is automatic: every client of a realm is first-party. */
async function finishConsent(runtime: RealmRuntime, details: Interaction, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { provider } = runtime;
  const accountId = details.session?.accountId;
  const clientId = typeof details.params.client_id === "string" ? details.params.client_id : undefined;
  if (!accountId || !clientId) {
    return sendHtml(res, 400, expiredPage(brandOf(runtime.realm)));
  }
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  extendGrant(grant, details.params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
