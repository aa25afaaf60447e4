// Setup file of the "keycloak" vitest project: the tests of that project drive the real Keycloak
// that tests/global-setup.ts started, through the same adapter and the same environment variables
// a deployment on Keycloak sets.
import { resetIdentityAdmin } from "@/lib/identity/admin";

const exported = process.env.GATEHOUSE_TEST_KEYCLOAK_ENV;
if (!exported) throw new Error("The keycloak test project needs the Keycloak that tests/global-setup.ts starts (GATEHOUSE_TEST_KEYCLOAK_ENV is unset).");
Object.assign(process.env, JSON.parse(exported) as Record<string, string>);
resetIdentityAdmin();
