/** Who did something, and from where. Identity arrives with login; until then console actions are anonymous. */
export interface AuditActor {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { actor: "system", ip: null, userAgent: null };
export const CONTROLLER_ACTOR: AuditActor = { actor: "system:provisioning-controller", ip: null, userAgent: null };
