/** One link of a navigation: where it goes and what it says. */
export interface NavItem {
  href: string;
  label: string;
}

/**
 * How a navigation link relates to the page shown: `"page"` when it is the page itself, `"true"`
 * when the page lies inside its section (a tenant's users under "Tenants"), otherwise none.
 * The home link ("/") is only ever the page itself, or it would be current everywhere.
 */
export function currentState(href: string, pathname: string): "page" | "true" | undefined {
  const path = trimSlash(pathname);
  if (path === trimSlash(href)) return "page";
  if (href !== "/" && path.startsWith(`${trimSlash(href)}/`)) return "true";
  return undefined;
}

/** Of several links, the one that best covers the page: the exact one, else the longest section. */
export function currentHref(hrefs: string[], pathname: string): string | null {
  const matching = hrefs.filter((href) => currentState(href, pathname) !== undefined);
  return matching.sort((a, b) => b.length - a.length)[0] ?? null;
}

export interface Crumb {
  href: string;
  label: string;
}

export interface CrumbLabels {
  /** A label for a whole path ("/tenants" → "Tenants"). */
  paths: Record<string, string>;
  /** A label for any child of a collection whose segment is an id, not a name ("/customers" → "Customer"). */
  children?: Record<string, string>;
}

/** The trail from the first segment to the page: every prefix of the path, labelled. */
export function crumbsFor(pathname: string, labels: CrumbLabels): Crumb[] {
  const segments = trimSlash(pathname).split("/").filter(Boolean);
  return segments.map((segment, i) => {
    const parent = `/${segments.slice(0, i).join("/")}`;
    const href = `/${segments.slice(0, i + 1).join("/")}`;
    return { href, label: labels.paths[href] ?? labels.children?.[parent] ?? safeDecode(segment) };
  });
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
