import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors/app-error";

/** Every error the API answers: a stable code, a message for people, and per-field messages. */
export const errorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional().meta({ description: "The first problem of each field (`_body` for the body as a whole)." }),
  details: z
    .record(z.string(), z.string())
    .optional()
    .meta({ description: "Facts to act on besides the message; `possible_duplicate` names the existing customer (`customerId`, `customerName`, `field`)." }),
});

/** Timestamps travel as ISO 8601 strings. */
export const timestamp = z.date();

/** A numbered page of a list (`page` is 1-based). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pageCount: z.number().int(),
  });
}
