import { HttpError } from "@/idp/http/respond";
import type { Realm } from "@/idp/store/realms";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/shared/password-policy";

/** What a realm's `passwordPolicy` asks of a new password, as far as the embedded server checks it. */
export interface PasswordRules {
  minLength: number;
  maxLength: number | null;
}

// Keycloak's defaults for a policy named without a value.
const DEFAULTS = { length: 8, maxLength: 64 } as const;
const TERM = /^([A-Za-z]+)(?:\(\s*(\d+)\s*\))?$/;

/**
 * Keycloak's `passwordPolicy` syntax (`length(10) and maxLength(200)`); the embedded server knows
 * `length` and `maxLength`, and refuses a policy with anything else rather than ignore it.
 */
export function parsePasswordPolicy(policy: string): PasswordRules {
  const rules: PasswordRules = { minLength: 1, maxLength: null };
  for (const term of policy
    .split(/\s+and\s+/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const [, name, value] = TERM.exec(term) ?? [];
    if (name !== "length" && name !== "maxLength") throw new HttpError(400, { error: "invalid_request", errorMessage: `Password policy not supported by this server: ${term}` });
    const n = value === undefined ? DEFAULTS[name] : Number(value);
    if (name === "length") rules.minLength = Math.max(1, n);
    else rules.maxLength = n;
  }
  return rules;
}

/** The realm's rules; a realm that never had a policy set gets Gatehouse's (shared/password-policy.ts). */
export function realmPasswordRules(realm: Pick<Realm, "passwordPolicy">): PasswordRules {
  return realm.passwordPolicy === null ? { minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH } : parsePasswordPolicy(realm.passwordPolicy);
}

/** The rule a password breaks, in Keycloak's message keys, or null. */
export function passwordViolation(rules: PasswordRules, password: string): { key: "invalidPasswordMinLengthMessage" | "invalidPasswordMaxLengthMessage"; limit: number } | null {
  if (password.length < rules.minLength) return { key: "invalidPasswordMinLengthMessage", limit: rules.minLength };
  if (rules.maxLength !== null && password.length > rules.maxLength) return { key: "invalidPasswordMaxLengthMessage", limit: rules.maxLength };
  return null;
}

/** For the admin API: Keycloak's 400 for a password its realm's policy refuses. */
export function checkAdminPassword(realm: Pick<Realm, "passwordPolicy">, password: string): void {
  const violation = passwordViolation(realmPasswordRules(realm), password);
  if (!violation) return;
  const description =
    violation.key === "invalidPasswordMinLengthMessage" ? `Invalid password: minimum length ${violation.limit}.` : `Invalid password: maximum length ${violation.limit}.`;
  throw new HttpError(400, { error: violation.key, error_description: description });
}
