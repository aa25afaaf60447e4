import { z } from "zod";
import { timestamp } from "@/lib/api/schemas/common";

const dnsRecordSchema = z.object({
  type: z.enum(["CNAME", "TXT"]),
  name: z.string().meta({ example: "_gatehouse.login.acme-corp.com" }),
  value: z.string(),
  purpose: z.string(),
});

export const domainSchema = z.object({
  hostname: z.string().meta({ example: "login.acme-corp.com" }),
  status: z.enum(["pending", "verified", "unverified"]).meta({
    description:
      "Only a verified domain is routed to the tenant. `unverified`: it was verified, then its TXT record was missing or wrong on re-checks past the grace period; restoring the record verifies it again.",
  }),
  verifiedAt: timestamp.nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  lastCheckedAt: timestamp.nullable().meta({ description: "When DNS was last asked." }),
  lastError: z.string().nullable().meta({ description: "Why the last check did not verify the domain." }),
  checkAttempts: z.number().int(),
  nextCheckAt: timestamp
    .nullable()
    .meta({ description: "The next automatic check (of a verified domain: its next re-check); null after automatic checks of a pending domain gave up (72 hours)." }),
  lastSuccessAt: timestamp.nullable().meta({ description: "The last check that found the token." }),
  failingSince: timestamp.nullable().meta({ description: "First failed re-check of a verified domain since its last success; null while its checks pass." }),
  failedRechecks: z.number().int().meta({ description: "Consecutive re-checks that found the record missing or wrong." }),
  unverifiedAt: timestamp.nullable().meta({ description: "When the domain lost its verification; null once verified again." }),
  records: z.array(dnsRecordSchema).meta({ description: "The DNS records to create: a CNAME to the platform and the TXT record holding the token." }),
});

export const domainListSchema = z.object({ items: z.array(domainSchema) });

export const addDomainSchema = z.object({
  hostname: z.string().max(300).meta({ description: "A DNS name of your own, without scheme or port.", example: "login.acme-corp.com" }),
});
