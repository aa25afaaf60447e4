// Keycloak admin REST representations: zod schemas for what the API accepts (unknown fields are
// ignored, null means "absent", as Keycloak's Jackson mapping does) and mappers for what it returns.
import { z } from "zod";
import { HttpError } from "@/idp/http/respond";
import { PERSON_NAME_PROHIBITED, USERNAME_LENGTH } from "@/shared/user-profile";
import type { Client, ProtocolMapper } from "@/idp/store/clients";
import { BRUTE_FORCE_STRATEGIES, type Realm } from "@/idp/store/realms";
import type { Role } from "@/idp/store/roles";
import type { User } from "@/idp/store/users";

const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
const scalarString = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const stringList = z.union([scalarString, z.array(scalarString)]).transform((v) => (Array.isArray(v) ? v : [v]));
const seconds = (min: number) => optional(z.number().int().min(min).max(2_147_483_647));

export function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  throw new HttpError(400, { error: "invalid_request", errorMessage: `${field ? `${field}: ` : ""}${issue?.message ?? "invalid input"}`, field });
}

// ---- realms ------------------------------------------------------------------------------

export const realmInput = z.object({
  realm: optional(z.string()),
  displayName: z.string().nullish(),
  enabled: optional(z.boolean()),
  /** Replaces the stored attributes, as Keycloak does: keys not sent are removed. */
  attributes: optional(z.record(z.string(), z.union([scalarString, z.null()]))),
  editUsernameAllowed: optional(z.boolean()),
  notBefore: optional(z.number().int().min(0).max(2_147_483_647)),
  loginTheme: z.string().nullish(),
  bruteForceProtected: optional(z.boolean()),
  bruteForceStrategy: optional(z.enum(BRUTE_FORCE_STRATEGIES)),
  /** Lockouts are only ever temporary here (and per client address): `true` is refused. */
  permanentLockout: optional(z.literal(false, { error: "Permanent lockout is not supported; lockouts are temporary." })),
  failureFactor: seconds(1),
  waitIncrementSeconds: seconds(0),
  maxFailureWaitSeconds: seconds(0),
  maxDeltaTimeSeconds: seconds(1),
  accessTokenLifespan: seconds(1),
  ssoSessionIdleTimeout: seconds(1),
  ssoSessionMaxLifespan: seconds(1),
  passwordPolicy: optional(z.string().max(1000)),
});
export type RealmInput = z.output<typeof realmInput>;

export function validRealmName(name: string | undefined): string {
  if (!name || name.length > 255 || name.includes("/") || name.trim() !== name) {
    throw new HttpError(400, { error: "invalid_request", errorMessage: "Realm name must be 1 to 255 characters without '/' or surrounding spaces.", field: "realm" });
  }
  return name;
}

export function realmRepresentation(realm: Realm) {
  return {
    id: realm.id,
    realm: realm.name,
    ...(realm.displayName !== null ? { displayName: realm.displayName } : {}),
    enabled: realm.enabled,
    sslRequired: "external",
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    duplicateEmailsAllowed: false,
    bruteForceProtected: realm.bruteForceProtected,
    bruteForceStrategy: realm.bruteForceStrategy,
    permanentLockout: false,
    failureFactor: realm.failureFactor,
    waitIncrementSeconds: realm.waitIncrementSeconds,
    maxFailureWaitSeconds: realm.maxFailureWaitSeconds,
    maxDeltaTimeSeconds: realm.maxDeltaTimeSeconds,
    accessTokenLifespan: realm.accessTokenLifespan,
    ssoSessionIdleTimeout: realm.ssoSessionIdleTimeout,
    ssoSessionMaxLifespan: realm.ssoSessionMaxLifespan,
    editUsernameAllowed: realm.editUsernameAllowed,
    notBefore: realm.notBefore,
    ...(realm.loginTheme ? { loginTheme: realm.loginTheme } : {}),
    ...(realm.passwordPolicy ? { passwordPolicy: realm.passwordPolicy } : {}),
    attributes: realm.attributes,
  };
}

// ---- clients -----------------------------------------------------------------------------

export const mapperInput = z.object({
  id: optional(z.string()),
  name: z.string().min(1).max(255),
  protocol: optional(z.string()).transform((v) => v ?? "openid-connect"),
  protocolMapper: z.string().min(1),
  consentRequired: optional(z.boolean()),
  config: optional(z.record(z.string(), scalarString)).transform((v) => v ?? {}),
});

export const clientInput = z.object({
  clientId: optional(z.string().min(1).max(255)),
  name: z.string().nullish(),
  description: z.string().nullish(),
  rootUrl: z.string().nullish(),
  baseUrl: z.string().nullish(),
  enabled: optional(z.boolean()),
  publicClient: optional(z.boolean()),
  bearerOnly: optional(z.boolean()),
  secret: optional(z.string().min(1)),
  redirectUris: optional(z.array(z.string())),
  webOrigins: optional(z.array(z.string())),
  standardFlowEnabled: optional(z.boolean()),
  directAccessGrantsEnabled: optional(z.boolean()),
  serviceAccountsEnabled: optional(z.boolean()),
  protocol: optional(z.literal("openid-connect")),
  attributes: optional(z.record(z.string(), z.union([scalarString, z.null()]))),
  protocolMappers: optional(z.array(mapperInput)),
});
export type ClientInput = z.output<typeof clientInput>;

const DEFAULT_CLIENT_SCOPES = ["web-origins", "acr", "profile", "roles", "basic", "email"];

export function mapperRepresentation(mapper: ProtocolMapper) {
  return {
    id: mapper.id,
    name: mapper.name,
    protocol: mapper.protocol,
    protocolMapper: mapper.protocolMapper,
    consentRequired: mapper.consentRequired ?? false,
    config: mapper.config,
  };
}

export function clientRepresentation(client: Client) {
  return {
    id: client.id,
    clientId: client.clientId,
    ...(client.name !== null ? { name: client.name } : {}),
    ...(client.description !== null ? { description: client.description } : {}),
    ...(client.rootUrl !== null ? { rootUrl: client.rootUrl } : {}),
    ...(client.baseUrl !== null ? { baseUrl: client.baseUrl } : {}),
    surrogateAuthRequired: false,
    enabled: client.enabled,
    alwaysDisplayInConsole: false,
    clientAuthenticatorType: "client-secret",
    ...(client.publicClient || client.secret === null ? {} : { secret: client.secret }),
    redirectUris: client.redirectUris,
    webOrigins: client.webOrigins,
    notBefore: 0,
    bearerOnly: false,
    consentRequired: false,
    standardFlowEnabled: client.standardFlowEnabled,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: client.directAccessGrantsEnabled,
    serviceAccountsEnabled: client.serviceAccountsEnabled,
    publicClient: client.publicClient,
    frontchannelLogout: true,
    protocol: "openid-connect",
    attributes: client.attributes,
    authenticationFlowBindingOverrides: {},
    fullScopeAllowed: true,
    nodeReRegistrationTimeout: -1,
    ...(client.protocolMappers.length ? { protocolMappers: client.protocolMappers.map(mapperRepresentation) } : {}),
    defaultClientScopes: DEFAULT_CLIENT_SCOPES,
    optionalClientScopes: [],
    access: { view: true, configure: true, manage: true },
  };
}

// ---- roles -------------------------------------------------------------------------------

export const roleInput = z.object({
  id: optional(z.string()),
  name: optional(z.string().min(1).max(255)),
  description: z.string().nullish(),
  attributes: optional(z.record(z.string(), stringList)),
});

/** The role references of a role-mapping request: `{ id?, name? }` each. */
export const roleReferences = z.array(z.object({ id: optional(z.string()), name: optional(z.string()) }));

export function roleRepresentation(role: Role, realm: Realm) {
  return {
    id: role.id,
    name: role.name,
    ...(role.description !== null ? { description: role.description } : {}),
    composite: false,
    clientRole: false,
    containerId: realm.id,
    attributes: role.attributes,
  };
}

// ---- users -------------------------------------------------------------------------------

export const credentialInput = z.object({
  type: optional(z.string()).transform((v) => v ?? "password"),
  value: optional(z.string()),
  temporary: optional(z.boolean()).transform((v) => v ?? false),
});

export const userInput = z.object({
  username: optional(z.string()),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  enabled: optional(z.boolean()),
  emailVerified: optional(z.boolean()),
  attributes: optional(z.record(z.string(), z.union([stringList, z.null()]))),
  requiredActions: optional(z.array(z.string())),
  credentials: optional(z.array(credentialInput)),
});
export type UserInput = z.output<typeof userInput>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function validUsername(username: string | undefined): string {
  const value = username?.trim().toLowerCase() ?? "";
  if (!value) throw new HttpError(400, { field: "username", errorMessage: "error-user-attribute-required", params: ["username"] });
  // Keycloak's user profile (and the one Gatehouse configures): a username of 3 to 255 characters.
  if (value.length < USERNAME_LENGTH.min || value.length > USERNAME_LENGTH.max) {
    throw new HttpError(400, { field: "username", errorMessage: "error-invalid-length", params: ["username", String(USERNAME_LENGTH.min), String(USERNAME_LENGTH.max)] });
  }
  return value;
}

/** First and last names as Keycloak's default user profile checks them; "" clears one. */
export function validPersonName(value: string | null | undefined, field: "firstName" | "lastName"): string | null | undefined {
  if (value && PERSON_NAME_PROHIBITED.test(value)) throw new HttpError(400, { field, errorMessage: "error-person-name-invalid-character", params: [field] });
  return value;
}

/** Keycloak stores emails lower-cased; "" clears the email. */
export function validEmail(email: string | null | undefined): string | null | undefined {
  if (email === undefined) return undefined;
  const value = email?.trim().toLowerCase() ?? "";
  if (!value) return null;
  if (!EMAIL.test(value) || value.length > 255) throw new HttpError(400, { field: "email", errorMessage: "invalidEmailMessage", params: ["email", value] });
  return value;
}

export function userRepresentation(user: User) {
  return {
    id: user.id,
    username: user.username,
    ...(user.firstName !== null ? { firstName: user.firstName } : {}),
    ...(user.lastName !== null ? { lastName: user.lastName } : {}),
    ...(user.email !== null ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
    ...(Object.keys(user.attributes).length ? { attributes: user.attributes } : {}),
    createdTimestamp: user.createdTimestamp,
    enabled: user.enabled,
    totp: false,
    disableableCredentialTypes: [],
    requiredActions: user.requiredActions,
    notBefore: 0,
    access: { manageGroupMembership: true, view: true, mapRoles: true, impersonate: false, manage: true },
  };
}

// ---- query parameters --------------------------------------------------------------------

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new HttpError(400, { error: "invalid_request", errorMessage: `${name} must be a non-negative integer` });
  return value;
}

export function boolParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  return raw.toLowerCase() === "true";
}

export function stringParam(query: URLSearchParams, name: string): string | undefined {
  const raw = query.get(name);
  return raw === null || raw === "" ? undefined : raw;
}
