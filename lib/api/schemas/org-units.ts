import { z } from "zod";
import { MEMBERSHIP_ROLES } from "@/lib/permissions/permissions";
import { pageOf, timestamp } from "@/lib/api/schemas/common";

export const orgUnitSummarySchema = z.object({
  id: z.uuid(),
  identifier: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  createdAt: timestamp,
});

export const orgUnitSchema = orgUnitSummarySchema.extend({
  metadata: z.record(z.string(), z.string()),
  updatedAt: timestamp,
});

export const orgUnitPageSchema = pageOf(orgUnitSummarySchema);

export const memberSchema = z.object({
  username: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  since: timestamp,
  email: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  enabled: z.boolean(),
});

export const memberPageSchema = pageOf(memberSchema);

export const membershipSchema = z.object({
  orgUnitId: z.uuid(),
  identifier: z.string(),
  username: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
});
