/** True when `error` is a unique-constraint violation, from Prisma (P2002) or node-postgres (23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: unknown };
  if (e.code === "P2002" || e.code === "23505") return true;
  return e.cause !== undefined && e.cause !== error && isUniqueViolation(e.cause);
}

/** Name of the violated constraint or the target fields, when Prisma or pg report it. */
export function violatedTarget(error: unknown): string {
  const e = error as { meta?: { target?: unknown; constraint?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }; constraint?: string };
  const fields = e.meta?.driverAdapterError?.cause?.constraint?.fields;
  if (fields) return fields.join(",");
  return String(e.meta?.target ?? e.meta?.constraint ?? e.constraint ?? "");
}
