import { z } from "zod";
import { authorizeSuperadmin } from "@/lib/auth/guards";
import { getProvisioningState } from "@/lib/tenants/queries";
import { stepTitle } from "@/lib/provisioning/steps";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/edge/error-response";

export const dynamic = "force-dynamic";

/** Live provisioning state of one tenant, polled by the console's tenant page. Superadmins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await authorizeSuperadmin();
    const id = z.uuid().safeParse((await params).id);
    const state = id.success ? await getProvisioningState(id.data) : null;
    if (!state) throw new AppError("not_found", "Tenant not found");
    return Response.json({ ...state, steps: state.steps.map((s) => ({ ...s, title: stepTitle(s.step) })) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
