import { createHash } from "node:crypto";
import { withAdmin } from "@/lib/identity/admin";

/** A realm's login event as Keycloak reports it (`GET /admin/realms/{realm}/events`). */
export interface LoginEvent {
  /** Keycloak's event id when it sends one, else a digest of the event's fields (stable across reads). */
  id: string;
  time: number;
  type: "LOGIN" | "LOGIN_ERROR";
  username: string | null;
  userId: string | null;
  clientId: string | null;
  ip: string | null;
  error: string | null;
}

export const LOGIN_EVENT_TYPES = ["LOGIN", "LOGIN_ERROR"] as const;

/**
 * One page (newest first) of the realm's LOGIN and LOGIN_ERROR events at or after `sinceMs`.
 * Keycloak stores them only when the realm has events enabled, which `ensureRealm` sets.
 */
export async function fetchLoginEvents(realm: string, options: { sinceMs?: number; first: number; max: number }): Promise<LoginEvent[]> {
  const events = await withAdmin((admin) =>
    admin.realms.findEvents({
      realm,
      type: [...LOGIN_EVENT_TYPES],
      first: options.first,
      max: options.max,
      ...(options.sinceMs !== undefined ? { dateFrom: String(options.sinceMs) } : {}),
    }),
  );
  return events.flatMap((event) => {
    if (event.type !== "LOGIN" && event.type !== "LOGIN_ERROR") return [];
    const withId = event as typeof event & { id?: string };
    const details = (event.details ?? {}) as Record<string, unknown>;
    const fields = {
      time: event.time ?? 0,
      type: event.type,
      username: typeof details.username === "string" ? details.username : null,
      userId: event.userId ?? null,
      clientId: event.clientId ?? null,
      ip: event.ipAddress ?? null,
      error: event.error ?? null,
    };
    const id =
      withId.id ??
      createHash("sha256")
        .update(JSON.stringify([realm, fields, event.sessionId ?? null]))
        .digest("base64url");
    return [{ id, ...fields }];
  });
}
