import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Bearer tokens (API keys, set-password and invitation links): random, shown once, stored only as a hash.

/** `bytes` random bytes as base64url (32 bytes: 43 characters, 256 bits). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * SHA-256 of the whole secret, hex. A token carries 256 random bits, so a fast hash is enough: there
 * is nothing to brute-force that a slow password hash would protect.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Whether `secret` hashes to `storedHash`, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh link token (256 random bits, base64url) and the SHA-256 that is all we keep of it. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomToken();
  return { token, hash: hashSecret(token) };
}

/** The hash to look a link token up by, or null for anything that cannot be one of ours. */
export function linkTokenHash(token: string): string | null {
  return LINK_TOKEN_PATTERN.test(token) ? hashSecret(token) : null;
}
