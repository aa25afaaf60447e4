import { z } from "zod";
import { auditFilterObject, rangeInOrder, RANGE_ERROR } from "@/lib/audit/filter";
import { timestamp } from "@/lib/api/schemas/common";

/** `actor`, `action`, `resourceType`, `resourceId`, `from`, `to` (ISO times), `after` (the previous page's `next`), `limit`, `format`. */
export const auditQuery = auditFilterObject
  .extend({ format: z.enum(["json", "csv"]).default("json").meta({ description: "`csv`: every matching event as a CSV download (no paging)." }) })
  .refine(rangeInOrder, RANGE_ERROR);

export const auditEventSchema = z.object({
  id: z.string().meta({ description: "Event id (a decimal integer)." }),
  occurredAt: timestamp,
  actor: z.string().meta({ description: "`<tenant>/<username>`, `<tenant>/apikey:<prefix>` or `system…`." }),
  action: z.string().meta({ example: "user.created" }),
  resourceType: z.string(),
  resourceId: z.string(),
  tenantId: z.string().nullable().meta({ description: "The tenant's id: whose trail it is, or (platform events) which tenant it concerns, if any." }),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  before: z.unknown().meta({ description: "The resource before the change, where it applies." }),
  after: z.unknown().meta({ description: "The resource after the change, where it applies." }),
});

export const auditEventPageSchema = z.object({
  items: z.array(auditEventSchema),
  next: z.string().nullable().meta({ description: "Pass as `after` for the next (older) page; null on the last page." }),
});
