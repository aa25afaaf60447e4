// Tenant keys are DNS labels (subdomain + identity realm name). No imports:
// this module is bundled into the browser for live form feedback.

export const RESERVED_TENANT_KEYS: ReadonlySet<string> = new Set([
  "www",
  "console",
  "cloud",
  "api",
  "admin",
  "auth",
  "login",
  "logout",
  "root",
  "master",
  "app",
  "mail",
  "smtp",
  "imap",
  "static",
  "assets",
  "cdn",
  "status",
  "help",
  "support",
  "docs",
  "id",
  "sso",
  "idp",
  "scim",
  "oauth",
  "oidc",
  "saml",
  "localhost",
  "gatehouse",
  "internal",
  "system",
]);

export type TenantKeyProblem = "length" | "characters" | "hyphen" | "reserved" | "punycode";

export const TENANT_KEY_MIN = 3;
export const TENANT_KEY_MAX = 40;

export const TENANT_KEY_MESSAGES: Record<TenantKeyProblem, string> = {
  length: `Use ${TENANT_KEY_MIN}–${TENANT_KEY_MAX} characters`,
  characters: "Use lowercase letters, digits and hyphens only",
  hyphen: "The key cannot start or end with a hyphen",
  punycode: "The key cannot start with “xn--”",
  reserved: "This key is reserved by the platform",
};

/** The key a purged tenant's row keeps, so the real key can be used by a new tenant. */
export function purgedKeyFor(tenantId: string): string {
  return `purged-${tenantId.replaceAll("-", "")}`;
}

export function isPurgedKey(key: string): boolean {
  return /^purged-[0-9a-f]{32}$/.test(key);
}

export function tenantKeyProblem(key: string): TenantKeyProblem | null {
  if (key.length < TENANT_KEY_MIN || key.length > TENANT_KEY_MAX) return "length";
  if (!/^[a-z0-9-]+$/.test(key)) return "characters";
  if (key.startsWith("-") || key.endsWith("-")) return "hyphen";
  if (key.startsWith("xn--")) return "punycode";
  if (RESERVED_TENANT_KEYS.has(key)) return "reserved";
  return null;
}

const LEGAL_SUFFIXES: ReadonlySet<string> = new Set(["pvt", "private", "ltd", "limited", "llp", "inc", "llc", "corp", "co"]);

// Letters that NFKD does not decompose into base letter + combining mark.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
  ı: "i",
};

/**
 * Suggests a tenant key from a company name, e.g. "Acme Corp Pvt. Ltd." → "acme".
 * Trailing legal suffixes are dropped repeatedly, but never the first word.
 * Returns "" when the name has no usable letters or digits.
 */
export function suggestTenantKey(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (ch) => LETTER_FOLDS[ch] ?? ch)
    // "McDonald's" → "mcdonalds" rather than "mcdonald-s"
    .replace(/['’]/g, "");
  const words = folded.split(/[^a-z0-9]+/).filter((w) => w !== "");
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1] ?? "")) words.pop();
  if (words.length === 0) return "";

  let key = words.join("-").slice(0, TENANT_KEY_MAX).replace(/-+$/, "");
  if (key.length < TENANT_KEY_MIN || RESERVED_TENANT_KEYS.has(key)) key = `${key}-org`;
  return key;
}
