import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptionsFor } from "@/lib/auth/options";
import { resolveRequest } from "@/lib/tenancy/resolve";

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's endpoints for whichever tenant the Host header resolves to (console or workspace). */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const resolution = await resolveRequest(request.headers);
  if (!resolution.found || (resolution.tenant.kind !== "root" && resolution.tenant.status !== "active")) {
    return Response.json({ code: "not_found", message: "Unknown workspace" }, { status: 404 });
  }
  return NextAuth(request, context, authOptionsFor(resolution.tenant, request)) as Promise<Response>;
}

export { handler as GET, handler as POST };
