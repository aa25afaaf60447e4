import { normalizeIp } from "@/shared/net/ip";

/** Who did something, and from where: a user (`<tenant key>/<username>`), an API key (`<tenant key>/apikey:<prefix>`) or the system. */
export interface AuditActor {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actor: "system", ip: null, userAgent: null };
export const CONTROLLER_ACTOR: AuditActor = { actor: "system:provisioning-controller", ip: null, userAgent: null };

/**
 * The actor of a request: the client address and the User-Agent header. The app's server
 * (lib/api/http-server.ts) has already replaced X-Forwarded-For with the one address it
 * believes (shared/net/forwarded.ts); it is read here in its one normal form.
 */
export function requestActor(headers: Pick<Headers, "get">, actor: string): AuditActor {
  return { actor, ip: normalizeIp(headers.get("x-forwarded-for")?.split(",")[0]), userAgent: headers.get("user-agent") || null };
}
