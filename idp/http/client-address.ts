import type { IncomingMessage } from "node:http";
import { isIP, type BlockList } from "node:net";
import { forwardedView } from "@/shared/net/forwarded";
import { normalizeIp } from "@/shared/net/ip";

const addresses = new WeakMap<IncomingMessage, string | null>();

/**
 * Works out the request's client address before the router rewrites its forwarding headers:
 * the socket's peer, or — when the peer is one of the trusted proxies (GATEHOUSE_TRUSTED_PROXIES,
 * shared/net/forwarded.ts) — the address X-Forwarded-For names before the trusted hops. A client's
 * own X-Forwarded-For counts for nothing.
 */
export function rememberClientAddress(req: IncomingMessage, trustedProxies: BlockList): void {
  const encrypted = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  addresses.set(req, forwardedView(req.socket.remoteAddress, encrypted, req.headers, trustedProxies).clientIp);
}

/** The client address of the request (rememberClientAddress), in shared/net/ip.ts's one written form; null if unknown. */
export function clientAddress(req: IncomingMessage): string | null {
  return addresses.has(req) ? (addresses.get(req) ?? null) : normalizeIp(req.socket.remoteAddress);
}

/** The eight 16-bit groups of an IPv6 address in shared/net/ip.ts's form. */
function ipv6Groups(ip: string): string[] {
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right];
}

/**
 * What failed sign-ins are counted per: an IPv4 address as is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64, so its addresses are one client), "unknown" without one.
 */
export function throttleSource(ip: string | null): string {
  if (!ip) return "unknown";
  if (isIP(ip) !== 6) return ip;
  return `${ipv6Groups(ip).slice(0, 4).join(":")}::/64`;
}
