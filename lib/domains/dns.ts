import { Resolver } from "node:dns/promises";
import { env } from "@/lib/config/env";
import { verificationRecordName } from "@/lib/domains/records";

/**
 * `definite`: DNS answered, and the record is missing or holds something else. Otherwise the
 * lookup itself failed (SERVFAIL, timeout) and says nothing about the record.
 */
export type VerificationLookup = { ok: true } | { ok: false; error: string; definite: boolean };

/** GATEHOUSE_DNS_SERVERS as node:dns wants it (`ip` or `ip:port`, IPv6 in brackets with a port); null: the system's. */
export function configuredDnsServers(): string[] | null {
  const list =
    env()
      .GATEHOUSE_DNS_SERVERS?.split(",")
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  return list.length > 0 ? list : null;
}

function resolver(): Resolver {
  const r = new Resolver({ timeout: 3_000, tries: 2 });
  const servers = configuredDnsServers();
  if (servers) r.setServers(servers);
  return r;
}

const NO_RECORD = new Set(["ENOTFOUND", "ENODATA", "NXDOMAIN"]);
const MAX_SHOWN = 80;

/**
 * Asks DNS for `_gatehouse.<hostname>` and checks that one of its TXT records is exactly the token
 * (a record split into several strings counts as their concatenation, as RFC 7208 reads them).
 * Never throws: a DNS failure is a failed check with a message a person can act on.
 */
export async function lookupVerificationRecord(hostname: string, token: string): Promise<VerificationLookup> {
  const name = verificationRecordName(hostname);
  let records: string[][];
  try {
    records = await resolver().resolveTxt(name);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (NO_RECORD.has(code)) return { ok: false, error: `No TXT record found at ${name}.`, definite: true };
    return { ok: false, error: `The DNS lookup of ${name} failed (${code || "unknown error"}); it is tried again.`, definite: false };
  }
  const values = records.map((chunks) => chunks.join("").trim());
  if (values.includes(token)) return { ok: true };
  if (values.length === 0) return { ok: false, error: `No TXT record found at ${name}.`, definite: true };
  const shown = values.map((v) => `“${v.length > MAX_SHOWN ? `${v.slice(0, MAX_SHOWN)}…` : v}”`).join(", ");
  return { ok: false, error: `The TXT record at ${name} holds ${shown}, not this domain's token.`, definite: true };
}
