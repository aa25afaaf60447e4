// The DNS records a tenant admin creates for a custom domain. Pure.

/** Where the verification TXT record lives. */
export function verificationRecordName(hostname: string): string {
  return `_gatehouse.${hostname}`;
}

export interface DnsRecord {
  type: "CNAME" | "TXT";
  name: string;
  value: string;
  purpose: string;
}

/** A CNAME routing the domain to the platform, and a TXT record proving the tenant controls it. */
export function requiredRecords(hostname: string, token: string, cnameTarget: string): DnsRecord[] {
  return [
    { type: "CNAME", name: hostname, value: cnameTarget, purpose: "Sends visitors of the domain to Gatehouse." },
    { type: "TXT", name: verificationRecordName(hostname), value: token, purpose: "Proves that this workspace controls the domain." },
  ];
}
