/**
 * Headers every response carries (next.config.ts sets them on every path, static files included):
 * no framing, no MIME sniffing, no full URLs in the Referer, no powerful browser features.
 */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** HSTS, only when the platform is served over HTTPS (a header over plain HTTP would be ignored anyway). */
export function transportSecurityHeaders(baseUrl: string): Array<{ key: string; value: string }> {
  return baseUrl.startsWith("https:") ? [{ key: "Strict-Transport-Security", value: "max-age=31536000" }] : [];
}

/** A fresh nonce for one response's scripts. */
export function scriptNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The page's content security policy. Scripts run only with this response's nonce (Next.js puts it
 * on its own scripts when the request carries this header) and what they load; styles may be
 * inline because components set colours in `style` attributes (branding), which nonces cannot
 * cover. No plugin content, no <base> rewriting, no framing by anyone. Development adds what
 * React's dev build needs (eval for its error overlay and source maps).
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
