/** True when `error`, or an error it wraps, carries one of `codes` (Prisma's P…, or PostgreSQL's SQLSTATE). */
function hasErrorCode(error: unknown, codes: readonly string[]): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === "string" && codes.includes(e.code)) return true;
  return e.cause !== undefined && e.cause !== error && hasErrorCode(e.cause, codes);
}

/** True when `error` is a unique-constraint violation, from Prisma (P2002) or node-postgres (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return hasErrorCode(error, ["P2002", "23505"]);
}

/** True when `error` is a foreign-key violation (Prisma P2003, node-postgres 23503): the referenced row is gone. */
export function isForeignKeyViolation(error: unknown): boolean {
  return hasErrorCode(error, ["P2003", "23503"]);
}

/** Name of the violated constraint or the target fields, when Prisma or pg report it. */
export function violatedTarget(error: unknown): string {
  const e = error as {
    meta?: { target?: unknown; constraint?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[]; index?: string } } } };
    constraint?: string;
  };
  const constraint = e.meta?.driverAdapterError?.cause?.constraint;
  if (constraint?.fields) return constraint.fields.join(",");
  // An expression index (lower(email)) has no fields, only its name.
  if (constraint?.index) return constraint.index;
  return String(e.meta?.target ?? e.meta?.constraint ?? e.constraint ?? "");
}

/** True when `error` says a table does not exist (Prisma P2021, node-postgres 42P01): a tenant database not migrated yet. */
export function isMissingTable(error: unknown): boolean {
  return hasErrorCode(error, ["P2021", "42P01"]);
}

// Prisma's "cannot reach / timed out / connection closed" codes, PostgreSQL's connection-exception
// and operator-intervention SQLSTATEs, and the socket errors node-postgres passes on.
const UNAVAILABLE_CODES = [
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
];

/** True when `error` means the database could not be reached (down, restarting, out of connections): worth a 503 and a retry. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (hasErrorCode(error, UNAVAILABLE_CODES)) return true;
  const e = error as { name?: unknown; message?: unknown; cause?: { kind?: unknown } };
  if (e?.name === "PrismaClientInitializationError") return true;
  if (e?.cause?.kind === "DatabaseNotReachable" || e?.cause?.kind === "ConnectionClosed") return true;
  return typeof e?.message === "string" && /ECONNREFUSED|Connection terminated|Can't reach database server|connection timeout/i.test(e.message);
}
