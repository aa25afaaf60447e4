// `npm run lint`: the Next rules (eslint-config-next: React, hooks, a11y, import, @next/next), the
// TypeScript rules (typescript-eslint recommended) and the layer rule. Formatting is prettier's job.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The request edge and the folders that are entry points themselves; every other folder under lib/
// is a concept folder, a service that is handed its tenant and actor and never asks the edge.
const EDGE_FOLDERS = ["edge", "auth", "api", "scim", "startup"];

export default defineConfig([
  globalIgnores(["lib/db/generated/**", ".next*/**", ".data/**", ".cache/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A warning nobody reads is noise: what the rules report must be fixed or turned off here.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/no-unused-expressions": "error",
      // The images are tenants' uploaded logos (blob: URLs in the branding preview), small and already sized: next/image's optimizer adds nothing.
      "@next/next/no-img-element": "off",
      // The layer rule (import/no-restricted-paths resolves aliases, relative paths and import()).
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: `./lib/!(${EDGE_FOLDERS.join("|")})/**`,
              from: ["./lib/edge", "./lib/auth"],
              message: "Concept folders are services: the edge (lib/edge, lib/auth) calls them, never the other way round.",
            },
            { target: "./idp", from: "./lib", message: "The identity server is separable: idp/ imports nothing from lib/." },
          ],
        },
      ],
    },
  },
  {
    // The rule keeps Next's bundler's `module` intact; tests and scripts are not bundled by Next.
    files: ["tests/**", "e2e/**", "scripts/**", "bench/**"],
    rules: { "@next/next/no-assign-module-variable": "off" },
  },
]);
