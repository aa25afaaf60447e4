import { httpStatus, identityAdmin } from "@/lib/identity/admin";
import { forgetRealmRoles } from "@/lib/identity/users";

export interface RealmSpec {
  name: string;
  displayName: string;
  enabled: boolean;
  /** Branding read by the login page: gatehouse.brandColor, gatehouse.logoUrl. */
  attributes?: Record<string, string>;
}

// Login events (successes and failures) are kept by the identity server for 30 days; Gatehouse
// imports them into the tenant's audit trail (lib/audit/login-import.ts) long before that.
const EVENTS = { eventsEnabled: true, enabledEventTypes: ["LOGIN", "LOGIN_ERROR", "LOGOUT"], eventsExpiration: 30 * 24 * 60 * 60 };

// Temporary lockout after repeated failures, as Keycloak's brute-force detection does it.
const BRUTE_FORCE = { bruteForceProtected: true, failureFactor: 5, waitIncrementSeconds: 60, maxFailureWaitSeconds: 900, permanentLockout: false };

/** Creates the realm or brings it in line with `spec`; safe to repeat and to race. */
export async function ensureRealm(spec: RealmSpec): Promise<void> {
  const admin = await identityAdmin();
  const representation = { realm: spec.name, displayName: spec.displayName, enabled: spec.enabled, attributes: spec.attributes ?? {}, ...BRUTE_FORCE, ...EVENTS };
  const existing = await admin.realms.findOne({ realm: spec.name });
  if (!existing) {
    try {
      await admin.realms.create(representation);
      return;
    } catch (error) {
      if (httpStatus(error) !== 409) throw error; // created concurrently: fall through to update
    }
  }
  await admin.realms.update({ realm: spec.name }, representation);
}

export async function realmExists(name: string): Promise<boolean> {
  const admin = await identityAdmin();
  return Boolean(await admin.realms.findOne({ realm: name }));
}

export async function setRealmEnabled(name: string, enabled: boolean): Promise<void> {
  const admin = await identityAdmin();
  await admin.realms.update({ realm: name }, { enabled });
}

export async function deleteRealm(name: string): Promise<void> {
  forgetRealmRoles(name);
  const admin = await identityAdmin();
  try {
    await admin.realms.del({ realm: name });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

export interface RealmBranding {
  displayName: string;
  tagline: string | null;
  color: string;
  logoUrl: string | null;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The realm's login page branding, as Keycloak takes it: `displayName`, `displayNameHtml`, and
 * attributes (`gatehouse.tagline`, `gatehouse.brandColor`, `gatehouse.logoUrl`) that the login
 * theme reads. A cleared value is sent as "" (Keycloak and the embedded server both keep merging
 * the other attributes).
 */
export async function setRealmBranding(name: string, branding: RealmBranding): Promise<void> {
  const admin = await identityAdmin();
  await admin.realms.update(
    { realm: name },
    {
      displayName: branding.displayName,
      displayNameHtml: `<div class="kc-logo-text"><span>${escapeHtml(branding.displayName)}</span></div>`,
      attributes: { "gatehouse.tagline": branding.tagline ?? "", "gatehouse.brandColor": branding.color, "gatehouse.logoUrl": branding.logoUrl ?? "" },
    },
  );
}

/**
 * The realm's `frontendUrl` attribute: the URL Keycloak puts in its login pages, redirects and
 * issuer (e.g. `https://login.acme-corp.com/auth`); null clears it, sent as "" as Keycloak's own
 * console does (the identity server then uses the URL it was reached at).
 */
export async function setRealmFrontendUrl(name: string, url: string | null): Promise<void> {
  const admin = await identityAdmin();
  await admin.realms.update({ realm: name }, { attributes: { frontendUrl: url ?? "" } });
}
