import { z } from "zod";
import { getProvisioningState } from "@/lib/tenants/queries";
import { stepTitle } from "@/lib/provisioning/steps";
import { AppError } from "@/lib/errors/app-error";
import { superadminRoute } from "@/lib/edge/superadmin-route";

export const dynamic = "force-dynamic";

/** Live provisioning state of one tenant, polled by the console's tenant page. Superadmins only. */
export const GET = superadminRoute(async ({ params }) => {
  const id = z.uuid().safeParse(params.id);
  const state = id.success ? await getProvisioningState(id.data) : null;
  if (!state) throw new AppError("not_found", "Tenant not found");
  return Response.json({ ...state, steps: state.steps.map((s) => ({ ...s, title: stepTitle(s.step) })) }, { headers: { "cache-control": "no-store" } });
});
