import type { z } from "zod";
import { parseOrThrow } from "@/lib/errors/zod";
import { readJsonBody } from "@/lib/input/body";
import { refuseUnsafeText } from "@/lib/input/text";

export type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;

/** What a REST route reads besides its path: the OpenAPI document shows the same schemas. */
export interface Inputs<Q extends Schema, B extends Schema> {
  /** Query parameters, validated (a bad page size or cursor is `validation_failed`). */
  query?: Q;
  /** JSON body, at most 64 KiB, validated. */
  body?: B;
}

export interface ParsedInputs<Q extends Schema, B extends Schema> {
  query: Parsed<Q>;
  body: Parsed<B>;
}

export async function parseInputs<Q extends Schema, B extends Schema>(request: Request, spec: Inputs<Q, B>): Promise<ParsedInputs<Q, B>> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  refuseUnsafeText(params, "_query");
  const query = spec.query ? parseOrThrow(spec.query, params) : undefined;
  const body = spec.body ? parseOrThrow(spec.body, await readJsonBody(request)) : undefined;
  // Each is parsed exactly when its schema is given, which is what Parsed<> says.
  return { query: query as Parsed<Q>, body: body as Parsed<B> };
}
