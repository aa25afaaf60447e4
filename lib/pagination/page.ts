import { z } from "zod";
import { plainText } from "@/lib/input/text";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** List query from a URL's search params: search text, 1-based page, page size. Bad values fall back to defaults. */
export const listQuerySchema = z.object({
  q: plainText().trim().max(100).catch("").default(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .default(25),
});

export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function parseListQuery(params: Record<string, string | string[] | undefined>): ListQuery {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return listQuerySchema.parse({ q: first(params.q), page: first(params.page), pageSize: first(params.pageSize) });
}

export function toPage<T>(items: T[], total: number, query: ListQuery): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
}
