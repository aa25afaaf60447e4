import { SCIM_MAX_BODY_BYTES, SCIM_SCHEMAS } from "@/lib/scim/schemas";
import { MAX_COUNT } from "@/lib/scim/list";
import { PASSWORD_MIN_LENGTH } from "@/shared/password-policy";

// The discovery endpoints (RFC 7644 §4): what this server supports, stated so clients need not guess.

const DOCS = "https://github.com/gatehouse/gatehouse#scim-20";

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCIM_SCHEMAS.serviceProviderConfig],
    documentationUri: DOCS,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "API key", description: "A Gatehouse API key of this workspace with the scim scope, sent as Authorization: Bearer ghk_…", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
    maxPayloadSize: SCIM_MAX_BODY_BYTES,
  };
}

export function resourceTypes(baseUrl: string) {
  const type = (id: "User" | "Group", endpoint: string, schema: string) => ({
    schemas: [SCIM_SCHEMAS.resourceType],
    id,
    name: id,
    endpoint,
    description: id === "User" ? "A user of this workspace" : "An org unit of this workspace",
    schema,
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${id}` },
  });
  return [type("User", "/Users", SCIM_SCHEMAS.user), type("Group", "/Groups", SCIM_SCHEMAS.group)];
}

interface SchemaAttribute {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: SchemaAttribute[];
}

interface AttributeOptions {
  required?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  multiValued?: boolean;
  caseExact?: boolean;
  uniqueness?: "none" | "server";
  returned?: "always" | "default" | "never";
  subAttributes?: SchemaAttribute[];
  type?: "string" | "boolean" | "complex" | "reference";
}

function attribute(name: string, description: string, options: AttributeOptions = {}): SchemaAttribute {
  const { subAttributes, type = subAttributes ? "complex" : "string", ...rest } = options;
  return {
    name,
    type,
    multiValued: rest.multiValued ?? false,
    description,
    required: rest.required ?? false,
    caseExact: rest.caseExact ?? false,
    mutability: rest.mutability ?? "readWrite",
    returned: rest.returned ?? "default",
    uniqueness: rest.uniqueness ?? "none",
    ...(subAttributes ? { subAttributes } : {}),
  };
}

export function schemaDefinitions(baseUrl: string) {
  const user = {
    schemas: [SCIM_SCHEMAS.schema],
    id: SCIM_SCHEMAS.user,
    name: "User",
    description: "User account",
    attributes: [
      attribute("userName", "Sign-in name: lower-cased, 3–63 of a–z 0–9 . _ @ -; a change renames the user (their sessions end)", {
        required: true,
        uniqueness: "server",
        returned: "always",
      }),
      attribute("externalId", "The client's id for the user", { caseExact: true }),
      attribute("name", "The user's name", {
        subAttributes: [attribute("givenName", "Given name"), attribute("familyName", "Family name"), attribute("formatted", "Full name", { mutability: "readOnly" })],
      }),
      attribute("displayName", "Given and family name, else the userName", { mutability: "readOnly" }),
      attribute("emails", "One address, the work one", {
        multiValued: true,
        subAttributes: [attribute("value", "Address"), attribute("type", "Always work"), attribute("primary", "Always true", { type: "boolean" })],
      }),
      attribute("active", "false disables the user at once (sign-in and sessions refused)", { type: "boolean" }),
      attribute("password", `Initial password (at least ${PASSWORD_MIN_LENGTH} characters)`, { mutability: "writeOnly", returned: "never" }),
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${SCIM_SCHEMAS.user}` },
  };
  const group = {
    schemas: [SCIM_SCHEMAS.schema],
    id: SCIM_SCHEMAS.group,
    name: "Group",
    description: "Org unit",
    attributes: [
      attribute("displayName", "The org unit's name (unique among groups)", { required: true, uniqueness: "server" }),
      attribute("externalId", "The client's id for the group", { caseExact: true }),
      attribute("members", "Members (role default when added here)", {
        multiValued: true,
        subAttributes: [
          attribute("value", "The user's id", { mutability: "immutable" }),
          attribute("display", "Username", { mutability: "readOnly" }),
          attribute("$ref", "The user's URI", { type: "reference", mutability: "readOnly" }),
        ],
      }),
    ],
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${SCIM_SCHEMAS.group}` },
  };
  return [user, group];
}
