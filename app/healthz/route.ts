import { NextResponse } from "next/server";
import { controlDb } from "@/lib/db/control";
import { probeRoute } from "@/lib/edge/open-routes";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers and test harnesses; answers on any host. */
export const GET = probeRoute(async () => {
  await controlDb().$queryRaw`SELECT 1`;
  return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
});
