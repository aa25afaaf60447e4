import { randomUUID } from "node:crypto";
import { cache } from "react";
import { tenantDb } from "@/lib/db/tenant-clients";
import type { AuditActor } from "@/lib/audit/actor";
import { recordTenantEvent } from "@/lib/audit/tenant-events";
import { findUserByUsername, logoutUser } from "@/lib/identity/users";
import { logger } from "@/lib/log/logger";
import type { ResolvedTenant } from "@/lib/tenancy/types";

/** Why a session ended (the `ended_reason` column's values). */
export type SessionEndReason =
  "signed_out" | "signed_out_everywhere" | "revoked_by_admin" | "user_disabled" | "password_changed" | "role_changed" | "user_renamed" | "user_deleted";

export interface AppSessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** A session's last-seen time is written at most this often (every request reads it; few write). */
const TOUCH_EVERY_MS = 60_000;

/** Records a sign-in; its id goes into the session cookie. */
export async function startAppSession(tenant: ResolvedTenant, username: string, from: AuditActor, maxAgeSeconds: number): Promise<string> {
  const id = randomUUID();
  await tenantDb(tenant).appSession.create({
    data: { id, username, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000), ip: from.ip, userAgent: from.userAgent?.slice(0, 512) ?? null },
  });
  return id;
}

/**
 * Whether the session a cookie names is still open: recorded for this user, not ended, not
 * expired. A cookie without a session id (issued before sessions were recorded) is not.
 */
export async function sessionIsOpen(tenant: ResolvedTenant, sid: unknown, username: string): Promise<boolean> {
  if (typeof sid !== "string" || !/^[0-9a-f-]{36}$/.test(sid)) return false;
  const db = tenantDb(tenant);
  const row = await db.appSession.findUnique({ where: { id: sid }, select: { username: true, endedAt: true, expiresAt: true, lastSeenAt: true } });
  const now = Date.now();
  if (!row || row.username !== username || row.endedAt || row.expiresAt.getTime() <= now) return false;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.appSession.updateMany({ where: { id: sid, endedAt: null }, data: { lastSeenAt: new Date(now) } });
  }
  return true;
}

/** Ends one session (sign-out, or an admin ending it); ending an ended one changes nothing. */
export async function endAppSession(tenant: ResolvedTenant, sid: string, reason: SessionEndReason, username?: string): Promise<boolean> {
  const ended = await tenantDb(tenant).appSession.updateMany({
    where: { id: sid, endedAt: null, ...(username ? { username } : {}) },
    data: { endedAt: new Date(), endedReason: reason },
  });
  return ended.count > 0;
}

/**
 * Ends every open session of the user, except `keep` (the caller's own, for "sign out other
 * sessions"). Given `by` (someone asked for it, rather than a change that implies it), the ending
 * is audited in the same transaction.
 */
export async function endUserSessions(tenant: ResolvedTenant, username: string, reason: SessionEndReason, options: { keep?: string; by?: AuditActor } = {}): Promise<number> {
  return tenantDb(tenant).$transaction(async (tx) => {
    const ended = await tx.appSession.updateMany({
      where: { username, endedAt: null, expiresAt: { gt: new Date() }, ...(options.keep ? { id: { not: options.keep } } : {}) },
      data: { endedAt: new Date(), endedReason: reason },
    });
    if (options.by)
      await recordTenantEvent(tx, options.by, { action: "user.sessions_ended", resourceType: "user", resourceId: username, after: { reason, sessions: ended.count } });
    return ended.count;
  });
}

/**
 * "Sign out everywhere": ends the user's app sessions (but `keep`) and then their sessions in the
 * realm, so no browser signs back in silently by single sign-on. The app sessions end first and
 * stay ended when the identity server is unreachable (`realmSignedOut` says so).
 */
export async function signOutEverywhere(
  tenant: ResolvedTenant,
  username: string,
  reason: SessionEndReason,
  options: { keep?: string; by?: AuditActor } = {},
): Promise<{ ended: number; realmSignedOut: boolean }> {
  const ended = await endUserSessions(tenant, username, reason, options);
  const user = await tenantDb(tenant).user.findUnique({ where: { username }, select: { identityId: true } });
  const identityId = user?.identityId ?? (await findUserByUsername(tenant.key, username).catch(() => null))?.id;
  if (!identityId) return { ended, realmSignedOut: true };
  try {
    await logoutUser(tenant.key, identityId);
    return { ended, realmSignedOut: true };
  } catch (error) {
    logger().warn({ tenant: tenant.key, err: error }, "app sessions ended, but the realm's could not be");
    return { ended, realmSignedOut: false };
  }
}

/** The user's sessions, newest first: the open ones, then those ended in the last 30 days. */
export async function listUserSessions(tenant: ResolvedTenant, username: string, limit = 50): Promise<AppSessionView[]> {
  const since = new Date(Date.now() - 30 * 86_400_000);
  return tenantDb(tenant).appSession.findMany({
    where: { username, OR: [{ endedAt: null, expiresAt: { gt: new Date() } }, { createdAt: { gt: since } }] },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, endedAt: true, endedReason: true, ip: true, userAgent: true },
  });
}

/**
 * {@link sessionIsOpen}, asked once per request and session: a page, its layout and their guards
 * all read the session (React's `cache` is scoped to one server render; elsewhere it calls through).
 */
export const openSession = cache((tenant: ResolvedTenant, sid: unknown, username: string) => sessionIsOpen(tenant, sid, username));
