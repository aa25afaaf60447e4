import { BlockList, isIP } from "node:net";
import type { IncomingHttpHeaders } from "node:http";
import { normalizeIp } from "@/shared/net/ip";

/**
 * The proxies whose forwarding headers count (GATEHOUSE_TRUSTED_PROXIES): addresses and CIDR
 * ranges, comma-separated, plus `loopback` (127.0.0.0/8 and ::1) and `private` (RFC 1918, ULA and
 * link-local ranges). Empty: nobody's, so the client is the socket's peer.
 */
export function parseTrustedProxies(spec: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (spec ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (entry === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
    } else if (entry === "private") {
      for (const [net, bits] of [
        ["10.0.0.0", 8],
        ["172.16.0.0", 12],
        ["192.168.0.0", 16],
        ["169.254.0.0", 16],
      ] as const)
        list.addSubnet(net, bits, "ipv4");
      for (const [net, bits] of [
        ["fc00::", 7],
        ["fe80::", 10],
      ] as const)
        list.addSubnet(net, bits, "ipv6");
    } else {
      const [address, bits, extra] = entry.split("/");
      const ip = normalizeIp(address);
      const family = ip ? isIP(ip) : 0;
      const prefix = bits === undefined ? undefined : Number(bits);
      if (!ip || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128)))) {
        throw new Error(`GATEHOUSE_TRUSTED_PROXIES: "${entry}" is not an address, a CIDR range, "loopback" or "private"`);
      }
      const type = family === 4 ? "ipv4" : "ipv6";
      if (prefix === undefined) list.addAddress(ip, type);
      else list.addSubnet(ip, prefix, type);
    }
  }
  return list;
}

function isTrusted(list: BlockList, ip: string | null): boolean {
  return ip !== null && list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim() || null;

/** What a request's forwarding headers may be believed to say. */
export interface ForwardedView {
  /** The client: the first address, walking X-Forwarded-For from the peer backwards, that is not a trusted proxy. */
  clientIp: string | null;
  /** The scheme the client used: X-Forwarded-Proto from a trusted peer, else the socket's. */
  proto: "http" | "https";
  /** X-Forwarded-Host from a trusted peer, else null. */
  host: string | null;
}

export function forwardedView(peer: string | undefined, encrypted: boolean, headers: IncomingHttpHeaders, trusted: BlockList): ForwardedView {
  const peerIp = normalizeIp(peer);
  const socketProto = encrypted ? "https" : "http";
  if (!isTrusted(trusted, peerIp)) return { clientIp: peerIp, proto: socketProto, host: null };
  const raw = headers["x-forwarded-for"];
  const hops = (Array.isArray(raw) ? raw.join(",") : (raw ?? ""))
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let client = peerIp;
  for (let i = hops.length - 1; i >= 0 && isTrusted(trusted, client); i--) {
    const hop = normalizeIp(hops[i]);
    if (!hop) break; // a malformed hop: stop at the last proxy we trust
    client = hop;
  }
  const proto = first(headers["x-forwarded-proto"])?.toLowerCase();
  return { clientIp: client, proto: proto === "https" || proto === "http" ? proto : socketProto, host: first(headers["x-forwarded-host"]) };
}

/**
 * Rewrites the request's forwarding headers to what may be believed, before Next.js reads them:
 * X-Forwarded-For becomes the one client address, X-Forwarded-Proto the client's scheme, and
 * X-Forwarded-Host (with `Forwarded` and X-Forwarded-Port) goes unless a trusted proxy sent it.
 * Everything downstream (the audit trail, sign-out's return URL, host resolution) then reads them
 * as they are.
 */
export function believeForwardedHeaders(headers: IncomingHttpHeaders, view: ForwardedView): void {
  if (view.clientIp) headers["x-forwarded-for"] = view.clientIp;
  else delete headers["x-forwarded-for"];
  headers["x-forwarded-proto"] = view.proto;
  if (view.host) headers["x-forwarded-host"] = view.host;
  else delete headers["x-forwarded-host"];
  if (!view.host) {
    delete headers["x-forwarded-port"];
    delete headers.forwarded;
  }
}
