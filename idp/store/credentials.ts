import type { Queryable } from "@/idp/db";

export async function passwordHashOf(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ secret_data: string }>("SELECT secret_data FROM credentials WHERE user_id = $1 AND type = 'password'", [userId]);
  return rows[0]?.secret_data ?? null;
}

export async function setPasswordHash(db: Queryable, userId: string, digest: string): Promise<void> {
  await db.query(
    `INSERT INTO credentials (user_id, type, secret_data) VALUES ($1, 'password', $2)
     ON CONFLICT (user_id, type) DO UPDATE SET secret_data = EXCLUDED.secret_data, created_at = now()`,
    [userId, digest],
  );
}
