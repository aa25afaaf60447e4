/** Who did something, and from where. Identity arrives with login; until then console actions are anonymous. */
export interface AuditActor {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actor: "system", ip: null, userAgent: null };
export const CONTROLLER_ACTOR: AuditActor = { actor: "system:provisioning-controller", ip: null, userAgent: null };

/** Where a request came from, as the audit trail records it (the first X-Forwarded-For hop). */
export function requestOrigin(headers: { get(name: string): string | null }): Omit<AuditActor, "actor"> {
  return { ip: headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null, userAgent: headers.get("user-agent") };
}
