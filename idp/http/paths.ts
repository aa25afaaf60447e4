import { decodeComponent } from "@/shared/percent";

/**
 * Matches a path against a pattern such as "/users/:id/role-mappings/realm"; returns the decoded
 * parameters, or null. Segments are compared after decoding, so "/roles/a%2Fb" gives name "a/b".
 */
export function matchPath(pattern: string, segments: readonly string[]): Record<string, string> | null {
  const parts = pattern.split("/").filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** Decoded, non-empty path segments, or null when one is malformed. */
export function pathSegments(pathname: string): string[] | null {
  const segments: string[] = [];
  for (const raw of pathname.split("/")) {
    if (!raw) continue;
    const decoded = decodeComponent(raw);
    if (decoded === null) return null;
    segments.push(decoded);
  }
  return segments;
}
