import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/actor";

/** The audit actor of the current console request. Sign-in arrives with the identity feature. */
export async function consoleActor(): Promise<AuditActor> {
  const h = await headers();
  return {
    actor: "console:anonymous",
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    userAgent: h.get("user-agent"),
  };
}
