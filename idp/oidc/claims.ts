import type { ProtocolMapper } from "@/idp/store/clients";
import type { User } from "@/idp/store/users";

export type TokenKind = "id" | "access" | "userinfo";
type Claims = Record<string, unknown>;

/** The profile claims Keycloak's default client scopes ("profile", "email") put in every token. */
export const PROFILE_CLAIMS = ["preferred_username", "email", "email_verified", "name", "given_name", "family_name"] as const;

export function profileClaims(user: User): Claims {
  const name = [user.firstName, user.lastName].filter((part): part is string => Boolean(part)).join(" ");
  const claims: Claims = { preferred_username: user.username, email_verified: user.emailVerified };
  if (user.email) claims.email = user.email;
  if (name) claims.name = name;
  if (user.firstName) claims.given_name = user.firstName;
  if (user.lastName) claims.family_name = user.lastName;
  return claims;
}

function included(mapper: ProtocolMapper, kind: TokenKind): boolean {
  const flag = (key: string) => mapper.config[key];
  switch (kind) {
    case "id":
      return flag("id.token.claim") === "true";
    case "access":
      return flag("access.token.claim") === "true";
    case "userinfo":
      // Keycloak: a mapper without the userinfo flag follows its ID token flag.
      return flag("userinfo.token.claim") === undefined ? flag("id.token.claim") === "true" : flag("userinfo.token.claim") === "true";
  }
}

/** Keycloak's claim names nest on unescaped dots: "a.b" → { a: { b } }, "a\\.b" → { "a.b" }. */
export function claimPath(name: string): string[] {
  return name.split(/(?<!\\)\./).map((part) => part.replaceAll("\\.", "."));
}

function convert(value: string, jsonType: string | undefined): unknown {
  switch (jsonType) {
    case "long":
    case "int": {
      const number = Number(value);
      return Number.isFinite(number) ? number : undefined;
    }
    case "boolean":
      return value === "true";
    case "JSON":
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    default:
      return value;
  }
}

function setClaim(claims: Claims, path: string[], value: unknown): void {
  let target = claims;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      target[key] = value;
      return;
    }
    const next = target[key];
    if (typeof next === "object" && next !== null && !Array.isArray(next)) target = next as Claims;
    else {
      const created: Claims = {};
      target[key] = created;
      target = created;
    }
  }
}

export interface ClaimSubject {
  /** Absent for client-credentials tokens: only hardcoded claims apply. */
  user?: User;
  roles: string[];
}

function userProperty(user: User, property: string | undefined): unknown {
  switch (property) {
    case "username":
      return user.username;
    case "email":
      return user.email ?? undefined;
    case "firstName":
      return user.firstName ?? undefined;
    case "lastName":
      return user.lastName ?? undefined;
    case "emailVerified":
      return user.emailVerified;
    case "enabled":
      return user.enabled;
    case "id":
      return user.id;
    default:
      return undefined;
  }
}

function mapperValue(mapper: ProtocolMapper, subject: ClaimSubject): unknown {
  const { config } = mapper;
  const multivalued = config.multivalued === "true";
  switch (mapper.protocolMapper) {
    case "oidc-hardcoded-claim-mapper":
      return config["claim.value"] === undefined ? undefined : convert(config["claim.value"], config["jsonType.label"]);
    case "oidc-usermodel-realm-role-mapper": {
      if (!subject.user) return undefined;
      const prefix = config["usermodel.realmRoleMapping.rolePrefix"] ?? "";
      const roles = subject.roles.map((role) => `${prefix}${role}`);
      return config.multivalued === "false" ? roles[0] : roles;
    }
    case "oidc-usermodel-attribute-mapper": {
      if (!subject.user) return undefined;
      const values = subject.user.attributes[config["user.attribute"] ?? ""] ?? [];
      const converted = values.map((v) => convert(v, config["jsonType.label"])).filter((v) => v !== undefined);
      return multivalued ? converted : converted[0];
    }
    case "oidc-usermodel-property-mapper":
      return subject.user ? userProperty(subject.user, config["user.attribute"]) : undefined;
    case "oidc-full-name-mapper":
      return subject.user ? profileClaims(subject.user).name : undefined;
    default:
      return undefined; // other mapper types are stored and listed, but add no claim
  }
}

/** Claims a mapper may not set: the provider owns them. */
const RESERVED = new Set([
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "azp",
  "nonce",
  "auth_time",
  "acr",
  "amr",
  "sid",
  "at_hash",
  "c_hash",
  "s_hash",
  "scope",
  "client_id",
  "typ",
  "cnf",
]);

/** Claims of the client's protocol mappers that go into a token of `kind`. */
export function mapperClaims(mappers: ProtocolMapper[], kind: TokenKind, subject: ClaimSubject): Claims {
  const claims: Claims = {};
  for (const mapper of mappers) {
    if (mapper.protocol !== "openid-connect" || !included(mapper, kind)) continue;
    const path = claimPath(mapper.config["claim.name"] ?? "");
    if (!path[0] || RESERVED.has(path[0])) continue;
    const value = mapperValue(mapper, subject);
    if (value !== undefined) setClaim(claims, path, value);
  }
  return claims;
}

/** Top-level claim names the mappers can produce (oidc-provider only releases declared claims). */
export function mapperClaimNames(mappers: ProtocolMapper[]): string[] {
  const names = new Set<string>();
  for (const mapper of mappers) {
    const name = mapper.config["claim.name"];
    const top = name ? claimPath(name)[0] : undefined;
    if (top && !RESERVED.has(top)) names.add(top);
  }
  return [...names];
}
