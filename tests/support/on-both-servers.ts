/**
 * Test files the "keycloak" vitest project runs a second time on the real Keycloak (the
 * "embedded" project runs every file). The contract suite covers both servers in one file.
 */
export const ON_BOTH_SERVERS = [
  "tests/provisioning.test.ts",
  "tests/user-rename.test.ts",
  "tests/users.test.ts",
  "tests/scim.test.ts",
  "tests/set-password-links.test.ts",
  "tests/lifecycle.test.ts",
  "tests/audit.test.ts",
  "tests/branding.test.ts",
  "tests/console-tenant-admin.test.ts",
  "tests/rest-api.test.ts",
  "tests/concurrency.test.ts",
];
