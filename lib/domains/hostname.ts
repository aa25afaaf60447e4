// A custom domain as a tenant admin types it → the hostname we store, or why not. Pure.
import { normalizeHost } from "@/lib/tenancy/host";

export type DomainProblem = { ok: false; message: string };
export type DomainCheck = { ok: true; hostname: string } | DomainProblem;

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const problem = (message: string): DomainProblem => ({ ok: false, message });

/**
 * A real DNS name (at least two labels, a top-level label that is not numeric), lower-cased and
 * in punycode, without scheme, path or port, not an IP address, and neither the platform's own
 * domain nor any name under it (those are the platform's subdomains: tenants, console, cloud).
 */
export function checkCustomDomain(raw: string, platformDomain: string): DomainCheck {
  const text = raw.trim();
  if (text === "") return problem("Enter a domain, e.g. login.example.com.");
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.includes("/")) return problem("Enter the host name only, without https:// or a path.");
  const host = normalizeHost(text);
  if (host === null) return problem("This is not a valid domain name.");
  if (host.port !== null || text.endsWith(":")) return problem("Leave out the port: the domain is served on the platform's port.");
  const { hostname } = host;
  if (hostname.startsWith("[") || IPV4.test(hostname)) return problem("Enter a domain name, not an IP address.");
  const labels = hostname.split(".");
  if (labels.length < 2) return problem("Enter a fully qualified domain, e.g. login.example.com.");
  if (/^\d+$/.test(labels.at(-1)!)) return problem("This is not a valid domain name.");
  const platform = normalizeHost(platformDomain)?.hostname ?? platformDomain.toLowerCase();
  if (hostname === platform || hostname.endsWith(`.${platform}`)) {
    return problem(`“${hostname}” belongs to the platform (${platform}); use a domain of your own.`);
  }
  return { ok: true, hostname };
}
