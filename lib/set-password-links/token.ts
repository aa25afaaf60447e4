import { randomBytes } from "node:crypto";
import { hashSecret } from "@/lib/api-keys/secret";

/** How long a set-password link works. */
export const SET_PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token (256 random bits, base64url) and the SHA-256 that is all we keep of it. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecret(token) };
}

/** The hash to look a token up by, or null for anything that cannot be one of ours. */
export function linkTokenHash(token: string): string | null {
  return TOKEN_PATTERN.test(token) ? hashSecret(token) : null;
}
