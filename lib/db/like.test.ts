import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { escapeLike } from "@/shared/like";

// Checked by PostgreSQL itself (the test cluster): what LIKE makes of an escaped pattern.

afterAll(() => controlDb().$disconnect());

/** Text rich in what LIKE treats specially, plus anything else PostgreSQL stores (no NUL). */
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom("%", "_", "\\", "a", "A", "é"),
    fc.char().filter((c) => c !== "\0"),
  ),
  maxLength: 12,
});

async function like(value: string, pattern: string, insensitive = false): Promise<boolean> {
  const op = insensitive ? Prisma.sql`ILIKE` : Prisma.sql`LIKE`;
  const [row] = await controlDb().$queryRaw<{ matches: boolean }[]>(Prisma.sql`SELECT ${value}::text ${op} ${pattern}::text AS matches`);
  return row!.matches;
}

describe("escapeLike", () => {
  it("escapes exactly LIKE's wildcards and its escape character", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("plain text")).toBe("plain text");
  });

  it("makes a pattern match only the text itself, as prefix, suffix and substring alike", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (value, search) => {
        const q = escapeLike(search);
        expect(await like(value, q)).toBe(value === search);
        expect(await like(value, `${q}%`)).toBe(value.startsWith(search));
        expect(await like(value, `%${q}`)).toBe(value.endsWith(search));
        expect(await like(value, `%${q}%`)).toBe(value.includes(search));
      }),
      { numRuns: 150 },
    );
  });

  it("finds the text inside any surroundings, case-insensitively with ILIKE", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, async (before, search, after) => {
        expect(await like(`${before}${search}${after}`, `%${escapeLike(search)}%`)).toBe(true);
        expect(await like(`${before}${search.toUpperCase()}${after}`, `%${escapeLike(search.toLowerCase())}%`, true)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
