const SENTINEL = "http://gatehouse.invalid";

/**
 * Only a path on this site may be returned to after sign-in. The value is read the way a browser
 * will read it (the WHATWG URL parser drops tabs and newlines and treats `\` as `/`, so
 * `/\t/evil.example` is `//evil.example`), and what is returned is that parsed path: it can only
 * ever lead to this host.
 */
export function safeCallbackUrl(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/")) return "/";
  const url = URL.parse(value, SENTINEL);
  if (!url || url.origin !== SENTINEL) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return "/";
  return path;
}
