import { env, publicBase } from "@/lib/config/env";
import { requiredRecords, type DnsRecord } from "@/lib/domains/records";

export const domainSelect = {
  hostname: true,
  verifiedAt: true,
  createdAt: true,
  createdBy: true,
  verificationToken: true,
  lastCheckedAt: true,
  lastError: true,
  checkAttempts: true,
  nextCheckAt: true,
  lastSuccessAt: true,
  failingSince: true,
  failedRechecks: true,
  unverifiedAt: true,
} as const;

export interface DomainRow {
  hostname: string;
  verifiedAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
  verificationToken: string;
  lastCheckedAt: Date | null;
  lastError: string | null;
  checkAttempts: number;
  nextCheckAt: Date | null;
  lastSuccessAt: Date | null;
  failingSince: Date | null;
  failedRechecks: number;
  unverifiedAt: Date | null;
}

/**
 * verified: routed (it may be failing its re-checks, see `failingSince`); pending: never verified;
 * unverified: verified once, then its record went missing past the grace period — not routed.
 */
export type DomainStatus = "verified" | "pending" | "unverified";

export interface DomainView extends Omit<DomainRow, "verificationToken"> {
  status: DomainStatus;
  /** The DNS records to create, the TXT one holding this domain's token. */
  records: DnsRecord[];
}

/** The host a custom domain's CNAME points at (GATEHOUSE_CUSTOM_DOMAIN_TARGET, else the base domain). */
export function cnameTarget(): string {
  return env().GATEHOUSE_CUSTOM_DOMAIN_TARGET ?? publicBase().baseDomain;
}

export function domainStatus(row: Pick<DomainRow, "verifiedAt" | "unverifiedAt">): DomainStatus {
  if (row.verifiedAt) return "verified";
  return row.unverifiedAt ? "unverified" : "pending";
}

export function toDomainView(row: DomainRow): DomainView {
  const { verificationToken, ...rest } = row;
  return { ...rest, status: domainStatus(row), records: requiredRecords(row.hostname, verificationToken, cnameTarget()) };
}

/** What the audit trail records of a domain (the token is public by nature: it sits in DNS). */
export function domainSnapshot(row: Pick<DomainRow, "hostname" | "verifiedAt">) {
  return { hostname: row.hostname, verifiedAt: row.verifiedAt };
}
