import { z } from "zod";

/** The schema with every `.catch()` fallback removed, keeping defaults, optionality and checks. */
function withoutCatch(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodCatch) return withoutCatch(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodDefault) return withoutCatch(schema.unwrap() as z.ZodType).default(schema.def.defaultValue);
  if (schema instanceof z.ZodOptional) return withoutCatch(schema.unwrap() as z.ZodType).optional();
  return schema;
}

/**
 * A strict twin of a list-query schema built for pages: pages fall back to defaults on a bad value
 * (a hand-edited URL), while the API refuses it with `validation_failed`. Only `.catch()` wrappers
 * go, so the output type is the same; a value the strict schema accepts means the same to both.
 */
export function strictQuery<S extends z.ZodObject>(schema: S): S {
  const shape = Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, withoutCatch(field as z.ZodType)]));
  return z.object(shape) as unknown as S;
}
