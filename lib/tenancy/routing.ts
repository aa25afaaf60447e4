import type { Resolution } from "@/lib/tenancy/types";

/** Internal route prefixes; the proxy is the only way requests reach them. */
export const CONSOLE_PREFIX = "/console";
export const WORKSPACE_PREFIX = "/workspace";
export const UNKNOWN_WORKSPACE_PATH = "/unknown-workspace";
export const WORKSPACE_UNAVAILABLE_PATH = "/workspace-unavailable";

/** The internal path a request for `pathname` on the resolved host is served from. */
export function routeFor(resolution: Resolution, pathname: string): string {
  if (!resolution.found) return UNKNOWN_WORKSPACE_PATH;
  const { tenant } = resolution;
  if (tenant.kind === "root") return `${CONSOLE_PREFIX}${pathname === "/" ? "" : pathname}`;
  if (tenant.status !== "active") return WORKSPACE_UNAVAILABLE_PATH;
  return `${WORKSPACE_PREFIX}${pathname === "/" ? "" : pathname}`;
}
