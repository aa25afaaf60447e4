import { z } from "zod";

const schema = z.object({
  KEYCLOAK_URL: z.url().optional(),
  KEYCLOAK_ADMIN_USERNAME: z.string().min(1).default("admin"),
  KEYCLOAK_ADMIN_PASSWORD: z.string().min(1).optional(),
  KEYCLOAK_ADMIN_CLIENT_ID: z.string().min(1).default("admin-cli"),
  GATEHOUSE_IDP_URL: z.url().default("http://localhost:8080"),
});

export interface IdentityConfig {
  /** Base URL of Keycloak or the embedded identity server, as browsers and the app reach it. */
  baseUrl: string;
  embedded: boolean;
  admin: { username: string; password: string; clientId: string };
}

/**
 * With KEYCLOAK_URL, a real Keycloak (its admin credentials are required); without, the embedded
 * identity server at GATEHOUSE_IDP_URL (default http://localhost:8080, admin/admin unless set).
 */
export function identityConfig(): IdentityConfig {
  const env = schema.parse(process.env);
  const embedded = !env.KEYCLOAK_URL;
  if (!embedded && !env.KEYCLOAK_ADMIN_PASSWORD) throw new Error("KEYCLOAK_ADMIN_PASSWORD is required with KEYCLOAK_URL.");
  return {
    baseUrl: (env.KEYCLOAK_URL ?? env.GATEHOUSE_IDP_URL).replace(/\/+$/, ""),
    embedded,
    admin: { username: env.KEYCLOAK_ADMIN_USERNAME, password: env.KEYCLOAK_ADMIN_PASSWORD ?? "admin", clientId: env.KEYCLOAK_ADMIN_CLIENT_ID },
  };
}

export function issuerFor(realm: string): string {
  return `${identityConfig().baseUrl}/realms/${encodeURIComponent(realm)}`;
}
