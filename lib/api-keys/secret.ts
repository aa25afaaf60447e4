import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every Gatehouse API key starts with this, so secret scanners and people recognise one. */
export const API_KEY_MARKER = "ghk_";

const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"; // base32 (RFC 4648), lower case
const PREFIX_LENGTH = 10;
const SECRET_BYTES = 32;

/** `ghk_<10 base32 chars>_<43 base64url chars>`; base64url may itself contain `_` and `-`. */
const SECRET_PATTERN = /^ghk_([a-z2-7]{10})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedSecret {
  /** The whole secret, shown to its creator once. */
  secret: string;
  /** Unique and recognisable: stored in the clear, shown in lists, used to find the key. */
  prefix: string;
  /** SHA-256 of the whole secret, hex: all that is stored of it. */
  hash: string;
}

function randomPrefix(): string {
  // 32 symbols divide 256 evenly, so `byte % 32` is unbiased.
  return Array.from(randomBytes(PREFIX_LENGTH), (byte) => PREFIX_ALPHABET[byte % PREFIX_ALPHABET.length]).join("");
}

/**
 * SHA-256 of the whole secret. The secret carries 256 random bits, so a fast hash is enough: there
 * is nothing to brute-force that a slow password hash would protect.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateSecret(): GeneratedSecret {
  const prefix = randomPrefix();
  const secret = `${API_KEY_MARKER}${prefix}_${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

/** The prefix of a well-formed secret, or null for anything that cannot be a Gatehouse API key. */
export function prefixOf(secret: string): string | null {
  return SECRET_PATTERN.exec(secret)?.[1] ?? null;
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** How a key is shown once its secret is gone: the recognisable part only. */
export function maskedSecret(prefix: string): string {
  return `${API_KEY_MARKER}${prefix}_…`;
}
