// Starts the embedded identity server from the environment:
//   IDP_PORT (8080), IDP_HOST (127.0.0.1), IDP_DATABASE_URL (required), IDP_PUBLIC_URL,
//   KEYCLOAK_ADMIN_USERNAME / KEYCLOAK_ADMIN_PASSWORD (admin / admin), KEYCLOAK_ADMIN_CLIENT_ID +
//   KEYCLOAK_ADMIN_CLIENT_SECRET (an admin service account, optional), GATEHOUSE_IDP_TRUSTED_PROXIES
//   (proxies in front of it whose X-Forwarded-For names the client; shared/net/forwarded.ts syntax),
//   LOG_LEVEL (info; pino's levels, JSON lines on stdout).
import pino from "pino";
import { z } from "zod";
import { startIdentityServer } from "@/idp/server";

const env = z
  .object({
    IDP_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
    IDP_HOST: z.string().min(1).default("127.0.0.1"),
    IDP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    IDP_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    KEYCLOAK_ADMIN_USERNAME: z.string().min(1).default("admin"),
    KEYCLOAK_ADMIN_PASSWORD: z.string().min(1).default("admin"),
    KEYCLOAK_ADMIN_CLIENT_ID: z.string().min(1).default("gatehouse-admin"),
    KEYCLOAK_ADMIN_CLIENT_SECRET: z.string().min(16).optional(),
    GATEHOUSE_IDP_TRUSTED_PROXIES: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .safeParse(process.env);

if (!env.success) {
  console.error(`Invalid configuration:\n${env.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  process.exit(1);
}

const log = pino({ level: env.data.LOG_LEVEL, base: { service: "gatehouse" } });
const server = await startIdentityServer({
  port: env.data.IDP_PORT,
  host: env.data.IDP_HOST,
  databaseUrl: env.data.IDP_DATABASE_URL,
  publicUrl: env.data.IDP_PUBLIC_URL,
  bootstrapAdmin: { username: env.data.KEYCLOAK_ADMIN_USERNAME, password: env.data.KEYCLOAK_ADMIN_PASSWORD },
  serviceAccount: env.data.KEYCLOAK_ADMIN_CLIENT_SECRET ? { clientId: env.data.KEYCLOAK_ADMIN_CLIENT_ID, secret: env.data.KEYCLOAK_ADMIN_CLIENT_SECRET } : undefined,
  trustedProxies: env.data.GATEHOUSE_IDP_TRUSTED_PROXIES,
  log,
});
log.info({ url: server.url }, "embedded identity server ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
