// Host header → routing target. Pure; runs in the Node.js request proxy.
import { domainToASCII } from "node:url";
import { tenantKeyProblem } from "@/lib/kernel/tenant-key";

export type HostTarget =
  | { kind: "console" } // console.<base>
  | { kind: "cloud" } // cloud.<base>
  | { kind: "tenant"; key: string } // <key>.<base>
  | { kind: "custom"; hostname: string } // any other valid hostname → look up as a custom domain
  | { kind: "invalid"; reason: "missing" | "malformed" | "ip" | "reserved" | "base" | "nested" };

export type NormalizedHost = { hostname: string; port: number | null };

// Generous cap so IDN input is bounded before conversion; the 253 limit applies after it.
const MAX_RAW_LENGTH = 1024;
const MAX_HOSTNAME_LENGTH = 253;
const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// domainToASCII follows the WHATWG host parser, which percent-decodes and cuts at
// "/", "@", "?" etc. Only letters, digits, "." and "-" may reach it from ASCII;
// non-ASCII goes through IDNA mapping (and fails there if it maps to anything else).
const FORBIDDEN_ASCII = /[^A-Za-z0-9.\-\u0080-\u{10FFFF}]/u;
const IPV4_PATTERN = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function parsePort(text: string): number | null | undefined {
  if (text === "") return null; // "host:" is allowed by RFC 9110 and means the default port
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

function normalizeIpv6(literal: string): string | null {
  if (!/^[0-9A-Fa-f:.]+$/.test(literal)) return null;
  const ascii = domainToASCII(`[${literal}]`);
  return ascii === "" ? null : ascii;
}

function normalizeDomain(name: string): string | null {
  if (name === "" || FORBIDDEN_ASCII.test(name)) return null;
  // Lower-cases, maps IDN to punycode, and canonicalises anything that the
  // WHATWG parser treats as IPv4 (e.g. "0x7f.1" → "127.0.0.1").
  let ascii = domainToASCII(name);
  if (ascii.endsWith(".")) ascii = ascii.slice(0, -1);
  if (ascii === "" || ascii.length > MAX_HOSTNAME_LENGTH) return null;
  if (IPV4_PATTERN.test(ascii)) return ascii;
  return ascii.split(".").every((label) => LABEL_PATTERN.test(label)) ? ascii : null;
}

/**
 * Lower-cased ASCII hostname and port from a Host header value, or null when it
 * is missing or not a valid host. IPv6 literals keep their brackets, like URL.hostname.
 */
export function normalizeHost(raw: string | null | undefined): NormalizedHost | null {
  if (raw == null) return null;
  const host = raw.trim();
  if (host === "" || host.length > MAX_RAW_LENGTH) return null;

  if (host.startsWith("[")) {
    const match = /^\[([^\]]*)\](?::(.*))?$/.exec(host);
    const hostname = match ? normalizeIpv6(match[1] ?? "") : null;
    const port = parsePort(match?.[2] ?? "");
    return hostname !== null && port !== undefined ? { hostname, port } : null;
  }

  const firstColon = host.indexOf(":");
  if (firstColon !== host.lastIndexOf(":")) {
    // Several colons and no brackets: only a bare IPv6 address (no port) makes sense.
    const hostname = normalizeIpv6(host);
    return hostname === null ? null : { hostname, port: null };
  }
  const port = firstColon < 0 ? null : parsePort(host.slice(firstColon + 1));
  const hostname = normalizeDomain(firstColon < 0 ? host : host.slice(0, firstColon));
  return hostname !== null && port !== undefined ? { hostname, port } : null;
}

function isIpHostname(hostname: string): boolean {
  return hostname.startsWith("[") || IPV4_PATTERN.test(hostname);
}

/** Throws when baseDomain is not a valid domain name: that is a configuration error. */
export function parseHost(raw: string | null | undefined, baseDomain: string): HostTarget {
  const base = normalizeHost(baseDomain);
  if (base === null || isIpHostname(base.hostname)) {
    throw new Error(`Invalid base domain: ${JSON.stringify(baseDomain)}`);
  }
  if (raw == null || raw.trim() === "") return { kind: "invalid", reason: "missing" };

  const host = normalizeHost(raw);
  if (host === null) return { kind: "invalid", reason: "malformed" };
  const { hostname } = host;
  if (isIpHostname(hostname)) return { kind: "invalid", reason: "ip" };
  if (hostname === base.hostname) return { kind: "invalid", reason: "base" };

  const suffix = `.${base.hostname}`;
  if (!hostname.endsWith(suffix)) return { kind: "custom", hostname };

  const label = hostname.slice(0, -suffix.length);
  if (label.includes(".")) return { kind: "invalid", reason: "nested" };
  if (label === "console") return { kind: "console" };
  if (label === "cloud") return { kind: "cloud" };
  const problem = tenantKeyProblem(label);
  if (problem === "reserved") return { kind: "invalid", reason: "reserved" };
  if (problem !== null) return { kind: "invalid", reason: "malformed" };
  return { kind: "tenant", key: label };
}

/**
 * The host to route on. X-Forwarded-Host is honoured only behind a trusted proxy;
 * otherwise any client could pick its tenant by sending the header.
 */
export function pickHostHeader(headers: { get(name: string): string | null }, trustForwardedHost: boolean): string | null {
  if (trustForwardedHost) {
    const first = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
    if (first) return first;
  }
  return headers.get("host");
}
