import { randomBytes } from "node:crypto";
import type { Queryable } from "@/idp/db";

/** The secret that signs oidc-provider's cookies; made once, shared by every process on the database. */
export async function cookieSecret(db: Queryable): Promise<string> {
  await db.query("INSERT INTO idp_settings (key, value) VALUES ('cookie_secret', $1) ON CONFLICT (key) DO NOTHING", [randomBytes(32).toString("base64url")]);
  const { rows } = await db.query<{ value: string }>("SELECT value FROM idp_settings WHERE key = 'cookie_secret'");
  return rows[0]!.value;
}
