import { isIP } from "node:net";

/**
 * One written form per address, so the audit trail and the rate limits see one client as one:
 * IPv4-mapped IPv6 (`::ffff:127.0.0.1`, how a dual-stack socket reports an IPv4 peer) becomes the
 * IPv4 address, IPv6 is written as RFC 5952 says (lower case, longest zero run compressed), and
 * brackets, ports and zone ids are dropped. Anything that is not an address is null.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  let value = raw?.trim();
  if (!value) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "");
  const family = isIP(value);
  if (family === 4) return value;
  if (family !== 6) return null;
  // The WHATWG URL parser writes IPv6 hosts in RFC 5952 form.
  const canonical = new URL(`http://[${value}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join(".");
  }
  return canonical;
}
