import type { Principal } from "@/lib/permissions/permissions";
import type { ScopePreset } from "@/lib/permissions/presets";

/**
 * What a platform API key (created by a superadmin on the console) may be given, and what each
 * platform route needs. The one place platform scopes are defined; superadmins hold them all.
 */
export const PLATFORM_SCOPES = [
  "customer:read",
  "customer:write",
  "tenant:read",
  /** Lifecycle changes (suspend, archive, delete, restore) and quota overrides. */
  "tenant:write",
  /** A zip of a tenant's users, org units, memberships and settings. */
  "tenant:export",
  /** The platform's own audit trail (customers, tenants, provisioning, console sign-ins). */
  "audit:read",
  /** External KYC/KYB system: a customer's verification status, notes and artifact references. */
  "verification:write",
  /** Billing system: payment standing, and disabling/enabling a tenant or single users of it. */
  "billing:write",
] as const;
export type PlatformScope = (typeof PLATFORM_SCOPES)[number];

export const PLATFORM_SCOPE_DESCRIPTIONS: Record<PlatformScope, string> = {
  "customer:read": "List and read customers",
  "customer:write": "Onboard customers and edit their records",
  "tenant:read": "List and read tenants and their quotas",
  "tenant:write": "Suspend, archive, delete or restore tenants; set quota overrides",
  "tenant:export": "Download a tenant's data (users, org units, memberships, settings)",
  "audit:read": "Read the platform's audit trail",
  "verification:write": "Change verification (KYC/KYB) status, notes and references",
  "billing:write": "Change payment standing; disable or enable a tenant or its users",
};

/** The usual kinds of platform key. */
export const PLATFORM_SCOPE_PRESETS: readonly ScopePreset[] = [
  {
    id: "read-only",
    label: "Read-only",
    description: "Reads customers, tenants and the platform's audit trail; changes nothing.",
    scopes: ["customer:read", "tenant:read", "audit:read"],
  },
  {
    id: "billing",
    label: "Billing system",
    description: "Reads customers and tenants and sets their payment standing.",
    scopes: ["customer:read", "tenant:read", "billing:write"],
  },
  { id: "verification", label: "KYC/KYB provider", description: "Reads customers and records their verification results.", scopes: ["customer:read", "verification:write"] },
];

export function isPlatformScope(scope: string): scope is PlatformScope {
  return (PLATFORM_SCOPES as readonly string[]).includes(scope);
}

/** The platform scopes among stored scopes (anything else grants nothing). */
export function platformScopesOf(scopes: readonly string[]): PlatformScope[] {
  return scopes.filter(isPlatformScope);
}

/** Whether `principal` may use a platform route that needs `scope`. */
export function canOnPlatform(principal: Principal, scope: PlatformScope): boolean {
  if (principal.kind === "superadmin") return true;
  return principal.kind === "platform" && principal.scopes.includes(scope);
}
