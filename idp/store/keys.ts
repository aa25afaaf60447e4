import { createPublicKey } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import type { Queryable } from "@/idp/db";
import { PUBLISHED_KEYS } from "@/idp/config";

export interface SigningKey {
  kid: string;
  algorithm: string;
  privateJwk: JWK;
  active: boolean;
  createdAt: Date;
}

interface KeyRow {
  kid: string;
  algorithm: string;
  private_jwk: JWK;
  active: boolean;
  created_at: Date;
}

const fromRow = (row: KeyRow): SigningKey => ({
  kid: row.kid,
  algorithm: row.algorithm,
  privateJwk: row.private_jwk,
  active: row.active,
  createdAt: row.created_at,
});

async function newRsaKey(): Promise<{ kid: string; privateJwk: JWK }> {
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateJwk: { ...jwk, kid, alg: "RS256", use: "sig" } };
}

/**
 * Adds a new active key to the realm; the previous ones stay published until retired. Run it in a
 * transaction: it locks the realm row so that concurrent rotations take turns.
 */
export async function addActiveKey(db: Queryable, realm: string): Promise<SigningKey> {
  const { kid, privateJwk } = await newRsaKey();
  await db.query("SELECT 1 FROM realms WHERE name = $1 FOR UPDATE", [realm]);
  await db.query("UPDATE signing_keys SET active = false WHERE realm = $1 AND active", [realm]);
  const { rows } = await db.query<KeyRow>("INSERT INTO signing_keys (kid, realm, private_jwk, active) VALUES ($1, $2, $3, true) RETURNING *", [
    kid,
    realm,
    JSON.stringify(privateJwk),
  ]);
  // Keys beyond the newest PUBLISHED_KEYS are retired: no longer published, so tokens they signed stop verifying.
  await db.query(
    `UPDATE signing_keys SET retired_at = now()
      WHERE realm = $1 AND retired_at IS NULL
        AND kid NOT IN (SELECT kid FROM signing_keys WHERE realm = $1 AND retired_at IS NULL ORDER BY created_at DESC LIMIT $2)`,
    [realm, PUBLISHED_KEYS],
  );
  return fromRow(rows[0]!);
}

/** Keys in the realm's JWKS, the active (signing) one first. */
export async function publishedKeys(db: Queryable, realm: string): Promise<SigningKey[]> {
  const { rows } = await db.query<KeyRow>("SELECT * FROM signing_keys WHERE realm = $1 AND retired_at IS NULL ORDER BY active DESC, created_at DESC", [realm]);
  return rows.map(fromRow);
}

/** The public half of a private RSA JWK. */
export function publicJwk(key: SigningKey): JWK {
  const { kty, n, e } = key.privateJwk;
  return { kty, n, e, kid: key.kid, alg: key.algorithm, use: "sig" };
}

/** The public key as base64 DER (SubjectPublicKeyInfo), Keycloak's `public_key` format. */
export function spkiBase64(key: SigningKey): string {
  const jwk = publicJwk(key);
  return createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" })
    .export({ type: "spki", format: "der" })
    .toString("base64");
}
