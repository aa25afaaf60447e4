import { z } from "zod";
import { decodeCursor, parseInstant, type AuditCursor } from "@/lib/audit/parse";
import { plainText } from "@/lib/input/text";

const text = (max: number) =>
  plainText()
    .trim()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => v || undefined);

/** A `datetime-local` value (read as UTC) or an ISO timestamp, parsed field by field (lib/audit/parse.ts). */
const instant = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const date = parseInstant(v);
    if (!date) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time between the years 1 and 9999, e.g. 2026-11-22 15:30." });
      return z.NEVER;
    }
    return date;
  });

const cursor = z
  .string()
  .optional()
  .transform((v, ctx): AuditCursor | undefined => {
    if (!v) return undefined;
    const parsed = decodeCursor(v);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "Not a page cursor of this list." });
      return z.NEVER;
    }
    return parsed;
  });

/** Filters of the audit viewer, its CSV export and the REST route (actor, action, resource, time range). */
export const auditFilterObject = z.object({
  actor: text(200),
  action: text(100),
  resourceType: text(50),
  resourceId: text(200),
  from: instant,
  to: instant,
  after: cursor,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function rangeInOrder(filter: { from?: Date; to?: Date }): boolean {
  return !filter.from || !filter.to || filter.from <= filter.to;
}
export const RANGE_ERROR = { path: ["to"], message: "The end of the range is before its start." };

export const auditFilterSchema = auditFilterObject.refine(rangeInOrder, RANGE_ERROR);

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** An action filter: one action (`tenant.suspended`) or a category, written `tenant.*` (every `tenant.…` action). */
export function actionMatch(filter: string): { action: string; category?: undefined } | { category: string; action?: undefined } {
  return filter.endsWith(".*") && filter.length > 2 ? { category: filter.slice(0, -2) } : { action: filter };
}

/** The categories of a list of actions (`tenant` of `tenant.created`), in order. */
export function actionCategories(actions: readonly string[]): string[] {
  return [...new Set(actions.filter((a) => a.includes(".")).map((a) => a.slice(0, a.indexOf("."))))].sort();
}

export const AUDIT_FILTER_FIELDS = ["actor", "action", "resourceType", "resourceId", "from", "to"] as const;

/** URL search params of a filter, without paging (for links: next page, CSV export, clear). */
export function filterParams(raw: Record<string, string | undefined>, changes: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (raw[field]) params.set(field, raw[field]);
  for (const [key, value] of Object.entries(changes)) if (value) params.set(key, value);
  return params;
}
