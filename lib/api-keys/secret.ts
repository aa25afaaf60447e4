import { randomBytes } from "node:crypto";
import { hashSecret, randomToken } from "@/lib/secrets/tokens";

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

export function generateSecret(): GeneratedSecret {
  const prefix = randomPrefix();
  const secret = `${API_KEY_MARKER}${prefix}_${randomToken(SECRET_BYTES)}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

/** The prefix of a well-formed secret, or null for anything that cannot be a Gatehouse API key. */
export function prefixOf(secret: string): string | null {
  return SECRET_PATTERN.exec(secret)?.[1] ?? null;
}

/** How a key is shown once its secret is gone: the recognisable part only. */
export function maskedSecret(prefix: string): string {
  return `${API_KEY_MARKER}${prefix}_…`;
}
