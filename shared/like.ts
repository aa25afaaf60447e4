/**
 * Search text made safe for a LIKE / ILIKE pattern: `%` and `_` are LIKE's wildcards and `\` its
 * escape character (PostgreSQL's default ESCAPE), so each is escaped and the text matches only
 * itself. Every search that reaches LIKE goes through this, SQL written by hand
 * (`LIKE ${`${escapeLike(q)}%`}`) and Prisma's string filters alike: Prisma's `contains`,
 * `startsWith` and `endsWith` on PostgreSQL become LIKE / ILIKE with the value as given (Prisma
 * does not escape it), so write `{ startsWith: escapeLike(q) }`. `equals` needs no escaping.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
