/** Who did something, and from where: a user (`<tenant key>/<username>`), an API key (`<tenant key>/apikey:<prefix>`) or the system. */
export interface AuditActor {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actor: "system", ip: null, userAgent: null };
export const CONTROLLER_ACTOR: AuditActor = { actor: "system:provisioning-controller", ip: null, userAgent: null };

/**
 * The actor of a request: the client address (the first `X-Forwarded-For` hop, which Next's server
 * sets to the socket's peer when no proxy did) and the User-Agent header.
 */
export function requestActor(headers: Pick<Headers, "get">, actor: string): AuditActor {
  return { actor, ip: headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null, userAgent: headers.get("user-agent") || null };
}
