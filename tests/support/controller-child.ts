// Runs one provisioning reconcile of a tenant in a separate process, so a test can SIGKILL it mid-step.
import { ProvisioningController } from "@/lib/provisioning/controller";

const tenantId = process.argv[2];
if (!tenantId) throw new Error("usage: controller-child.ts <tenantId>");
const controller = new ProvisioningController();
console.log("reconciling");
await controller.reconcile(tenantId);
console.log("finished");
process.exit(0);
