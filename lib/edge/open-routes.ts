import { NextResponse } from "next/server";
import { requireWorkspace } from "@/lib/access/request";
import type { ResolvedTenant } from "@/lib/tenancy/types";
import { edgeMade } from "@/lib/edge/edge-made";

// Routes for anyone, without credentials.

/**
 * A health probe for load balancers and test harnesses, on any host: the check's answer, or 503
 * `database_unreachable` when it throws (the database does not answer).
 */
export function probeRoute(check: () => Promise<Response>): () => Promise<Response> {
  return edgeMade(async () => {
    try {
      return await check();
    } catch {
      return NextResponse.json({ status: "unavailable", code: "database_unreachable" }, { status: 503 });
    }
  });
}

/** A public file of the host's workspace (the login page shows its branding before sign-in); another host is Next's 404. */
export function workspaceFileRoute<P>(serve: (tenant: ResolvedTenant, params: P) => Promise<Response>): (request: Request, context: { params: Promise<P> }) => Promise<Response> {
  return edgeMade(async (_request: Request, context: { params: Promise<P> }) => serve(await requireWorkspace(), await context.params));
}
