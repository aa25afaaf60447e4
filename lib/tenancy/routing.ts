import type { Resolution } from "@/lib/tenancy/types";
import { apiKindOf } from "@/lib/tenancy/api-paths";

/** Internal route prefixes; the proxy is the only way requests reach them. */
export const CONSOLE_PREFIX = "/console";
export const WORKSPACE_PREFIX = "/workspace";
export const UNKNOWN_WORKSPACE_PATH = "/unknown-workspace";
export const WORKSPACE_UNAVAILABLE_PATH = "/workspace-unavailable";

/** The public path of a workspace's status page (why it cannot be used, whom to contact). */
export const UNAVAILABLE_PUBLIC_PATH = "/unavailable";

/**
 * The internal path a request for `pathname` on the resolved host is served from. `denied`: the
 * access rules (lib/access) refuse everyone on this workspace right now; without it, only the
 * lifecycle status counts.
 */
export function routeFor(resolution: Resolution, pathname: string, denied?: boolean): string {
  if (!resolution.found) return UNKNOWN_WORKSPACE_PATH;
  const { tenant } = resolution;
  if (tenant.kind === "root") return `${CONSOLE_PREFIX}${pathname === "/" ? "" : pathname}`;
  if (pathname === UNAVAILABLE_PUBLIC_PATH) return WORKSPACE_UNAVAILABLE_PATH;
  // API paths (REST and SCIM) keep their route handlers when a workspace is refused: they answer with a JSON error.
  if ((denied ?? tenant.status !== "active") && !apiKindOf(pathname)) return WORKSPACE_UNAVAILABLE_PATH;
  return `${WORKSPACE_PREFIX}${pathname === "/" ? "" : pathname}`;
}
