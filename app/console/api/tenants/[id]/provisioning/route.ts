import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { resolveRequest } from "@/lib/tenancy/resolve";
import { getProvisioningState } from "@/lib/tenants/queries";
import { stepTitle } from "@/lib/provisioning/steps";

export const dynamic = "force-dynamic";

/** Live provisioning state of one tenant, polled by the console's tenant page. Console host only. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const resolution = await resolveRequest(request.headers);
  if (!resolution.found || resolution.tenant.kind !== "root") return NextResponse.json({ code: "not_found", message: "Not found" }, { status: 404 });
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return NextResponse.json({ code: "not_found", message: "Tenant not found" }, { status: 404 });
  const state = await getProvisioningState(id.data);
  if (!state) return NextResponse.json({ code: "not_found", message: "Tenant not found" }, { status: 404 });
  return NextResponse.json(
    { ...state, steps: state.steps.map((s) => ({ ...s, title: stepTitle(s.step) })) },
    { headers: { "cache-control": "no-store" } },
  );
}
