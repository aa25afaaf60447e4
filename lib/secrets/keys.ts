import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { readSection } from "@/lib/config/env";

/**
 * The deployment's master secret (GATEHOUSE_SECRET_KEY, ≥ 32 bytes as base64 or hex). Everything
 * secret is derived from it per purpose and per tenant, so nothing derived needs storing and a
 * value derived for one tenant is useless on another.
 */
function masterKey(): Buffer {
  const raw = readSection("secrets").GATEHOUSE_SECRET_KEY;
  if (!raw) throw new Error("GATEHOUSE_SECRET_KEY is not set (npm run dev creates one in .data/secret.key).");
  const key = /^[0-9a-f]+$/i.test(raw) && raw.length % 2 === 0 ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  if (key.length < 32) throw new Error("GATEHOUSE_SECRET_KEY must hold at least 32 bytes (base64 or hex).");
  return key;
}

export function deriveKey(purpose: string, context: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.from(context), Buffer.from(`gatehouse:${purpose}`), bytes));
}

/** A URL-safe string secret derived for `purpose` and `context` (e.g. a tenant id). */
export function deriveSecret(purpose: string, context: string): string {
  return deriveKey(purpose, context).toString("base64url");
}

/** AES-256-GCM; `context` is bound as associated data, so a ciphertext only opens where it was made. */
export function seal(plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey("seal", context), iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function unseal(sealed: string, context: string): string {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !body) throw new Error("malformed sealed value");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey("seal", context), iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

/** A random password of `length` characters from an unambiguous alphabet (no 0/O, 1/l/I). */
export function generatePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";
  const bytes = randomBytes(length * 2);
  let out = "";
  for (const b of bytes) {
    if (b >= 256 - (256 % alphabet.length)) continue; // reject to avoid modulo bias
    out += alphabet[b % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}
