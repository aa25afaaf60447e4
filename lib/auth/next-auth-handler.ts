import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptionsFor } from "@/lib/auth/options";
import type { ResolvedTenant } from "@/lib/tenancy/types";

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's endpoints for `tenant` (the edge's nextAuthRoute resolves it from the Host). */
export function nextAuth(request: NextRequest, tenant: ResolvedTenant, context: Context): Promise<Response> {
  return NextAuth(request, context, authOptionsFor(tenant, request)) as Promise<Response>;
}
