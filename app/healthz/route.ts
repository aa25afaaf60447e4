import { NextResponse } from "next/server";
import { controlDb } from "@/lib/db/control";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers and test harnesses; answers on any host. */
export async function GET() {
  try {
    await controlDb().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return NextResponse.json({ status: "unavailable", code: "database_unreachable" }, { status: 503 });
  }
}
