import type RealmRepresentation from "@keycloak/keycloak-admin-client/lib/defs/realmRepresentation";
import { httpStatus, withAdmin, type AdminClient } from "@/lib/identity/admin";
import { applyUserProfile } from "@/lib/identity/user-profile";
import { forgetRealmRoles } from "@/lib/identity/users";
import { textColorOn } from "@/lib/kernel/contrast";
import { withSessionLock } from "@/lib/db/session-lock";
import { forgetRealmDiscovery } from "@/lib/identity/discovery";
import { REALM_PASSWORD_POLICY } from "@/lib/passwords/policy";

export interface RealmSpec {
  name: string;
  /** Set when the realm is created; afterwards the tenant's branding owns it (setRealmBranding). */
  displayName: string;
  enabled: boolean;
  /** Merged into the realm's attributes; the others are kept. */
  attributes?: Record<string, string>;
}

/** Gatehouse's login theme (lib/identity/keycloak-theme), which reads the `gatehouse.*` attributes. */
export const LOGIN_THEME = "gatehouse";

// Login events (successes and failures) are kept by the identity server for 30 days; Gatehouse
// imports them into the tenant's audit trail (lib/audit/login-import.ts) long before that.
const EVENTS = { eventsEnabled: true, enabledEventTypes: ["LOGIN", "LOGIN_ERROR", "LOGOUT"], eventsExpiration: 30 * 24 * 60 * 60 };

/**
 * Brute-force detection: after `failureFactor` failures, each further failure makes the next
 * attempt wait `waitIncrementSeconds` longer (LINEAR: 30 s, 60 s, 90 s, …, at most 5 minutes),
 * never a permanent lockout; failures are forgotten after 12 quiet hours.
 * - The embedded server counts per (login name, client address): a wait holds back only the
 *   address that failed, for that name, known or not (idp/store/login-throttles.ts).
 * - Keycloak (26.x: BruteForceProtector, RealmRepresentation.bruteForceStrategy MULTIPLE|LINEAR)
 *   counts per user only — it has no per-address mode — so an attacker's failures make the user
 *   wait everywhere; the short waits bound that. Its "quick login" rule (a second failure within
 *   `quickLoginCheckMilliSeconds` waits `minimumQuickLoginWaitSeconds`, 60 s by default, before
 *   `failureFactor` is reached) would let two requests lock anyone out: it is turned off (0 s).
 */
const BRUTE_FORCE = {
  bruteForceProtected: true,
  permanentLockout: false,
  bruteForceStrategy: "LINEAR",
  failureFactor: 5,
  waitIncrementSeconds: 30,
  maxFailureWaitSeconds: 300,
  maxDeltaTimeSeconds: 43_200,
  quickLoginCheckMilliSeconds: 1_000,
  minimumQuickLoginWaitSeconds: 0,
} satisfies RealmRepresentation;

// Keycloak ignores an admin's username change unless the realm allows it; Gatehouse renames users.
// The password policy is the app's (lib/passwords/policy.ts), so the identity server's own pages
// (update password) and its admin API refuse what Gatehouse's forms refuse.
const SETTINGS = { ...BRUTE_FORCE, ...EVENTS, editUsernameAllowed: true, loginTheme: LOGIN_THEME, passwordPolicy: REALM_PASSWORD_POLICY };

/**
 * Keycloak's realm update replaces the whole attribute map, so every change of attributes reads
 * the current map, merges and writes it back. Gatehouse's writers of one realm (provisioning,
 * branding, custom domains) take this lock across processes so no merge overwrites another.
 */
function changeAttributes(realm: string, change: (admin: AdminClient, current: RealmRepresentation) => Promise<void>): Promise<void> {
  return withSessionLock("realmAttributes", realm, () =>
    withAdmin(async (admin) => {
      const current = await admin.realms.findOne({ realm });
      if (!current) throw Object.assign(new Error(`Realm ${realm} does not exist`), { response: { status: 404 } });
      await change(admin, current);
    }),
  );
}

/** Keycloak keeps its own realm attributes next to ours (ciba*, oauth2Device*, …): keep them all. */
const merged = (current: RealmRepresentation, changes: Record<string, string>) => ({ ...(current.attributes ?? {}), ...changes });

/** Creates the realm or brings its settings in line with `spec`; safe to repeat and to race. */
export async function ensureRealm(spec: RealmSpec): Promise<void> {
  const created = await withAdmin(async (admin) => {
    if (await admin.realms.findOne({ realm: spec.name })) return false;
    try {
      await admin.realms.create({ realm: spec.name, displayName: spec.displayName, enabled: spec.enabled, attributes: spec.attributes ?? {}, ...SETTINGS });
      return true;
    } catch (error) {
      if (httpStatus(error) !== 409) throw error; // created concurrently: bring it in line below
      return false;
    }
  });
  if (!created) {
    await changeAttributes(spec.name, (admin, current) =>
      admin.realms.update({ realm: spec.name }, { enabled: spec.enabled, ...SETTINGS, attributes: merged(current, spec.attributes ?? {}) }),
    );
  }
  await withAdmin((admin) => applyUserProfile(admin, spec.name));
}

export async function realmExists(name: string): Promise<boolean> {
  return withAdmin(async (admin) => Boolean(await admin.realms.findOne({ realm: name })));
}

export async function setRealmEnabled(name: string, enabled: boolean): Promise<void> {
  await withAdmin((admin) => admin.realms.update({ realm: name }, { enabled }));
}

/**
 * Deletes the realm; an absent one is fine. A deletion that a killed process started may still be
 * running inside Keycloak, which then fails a second one (HTTP 500): if the realm is gone within
 * a few seconds, the deletion is done.
 */
export async function deleteRealm(name: string): Promise<void> {
  forgetRealmRoles(name);
  await withAdmin(async (admin) => {
    try {
      await admin.realms.del({ realm: name });
    } catch (error) {
      if (httpStatus(error) === 404) return;
      for (let waited = 0; waited < 10_000; waited += 500) {
        await new Promise((r) => setTimeout(r, 500));
        if (!(await admin.realms.findOne({ realm: name }))) return;
      }
      throw error;
    }
  });
}

export interface RealmBranding {
  displayName: string;
  tagline: string | null;
  color: string;
  logoUrl: string | null;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The realm's login page branding: `displayName`, `displayNameHtml`, and the attributes the login
 * theme reads (`gatehouse.tagline`, `gatehouse.brandColor`, `gatehouse.onBrandColor` — the text
 * colour readable on it — and `gatehouse.logoUrl`). A cleared value is sent as "".
 */
export async function setRealmBranding(name: string, branding: RealmBranding): Promise<void> {
  await changeAttributes(name, (admin, current) =>
    admin.realms.update(
      { realm: name },
      {
        displayName: branding.displayName,
        displayNameHtml: `<div class="kc-logo-text"><span>${escapeHtml(branding.displayName)}</span></div>`,
        attributes: merged(current, {
          "gatehouse.tagline": branding.tagline ?? "",
          "gatehouse.brandColor": branding.color,
          "gatehouse.onBrandColor": textColorOn(branding.color),
          "gatehouse.logoUrl": branding.logoUrl ?? "",
        }),
      },
    ),
  );
}

/**
 * The realm's `frontendUrl` attribute: the URL Keycloak puts in its login pages, redirects and
 * issuer (e.g. `https://login.acme-corp.com/auth`); null clears it, sent as "" as Keycloak's own
 * console does (the identity server then uses the URL it was reached at).
 */
export async function setRealmFrontendUrl(name: string, url: string | null): Promise<void> {
  await changeAttributes(name, (admin, current) => admin.realms.update({ realm: name }, { attributes: merged(current, { frontendUrl: url ?? "" }) }));
  forgetRealmDiscovery(name); // other processes see the new issuer within the cache's minute
}
