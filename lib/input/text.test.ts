import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { isAppError } from "@/lib/errors/app-error";
import { plainText, refuseUnsafeText } from "@/lib/input/text";
import { findUnsafeText, NUL_MESSAGE, SURROGATE_MESSAGE, textProblem } from "@/shared/unsafe-text";

// The text rule against its reason to exist: PostgreSQL (the test cluster) keeps exactly the
// strings the rule lets through, in text and in jsonb, and fails or alters every other.

afterAll(() => controlDb().$disconnect());

/** Any UTF-16 code units: NULs, lone halves and proper pairs included. */
const anyText = fc.string({ unit: fc.oneof(fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d\ude00", "a"), fc.char16bits()), maxLength: 8 });

/** What PostgreSQL gives back for a string, as text and inside jsonb; null when it refuses it. */
async function roundTrip(value: string): Promise<{ text: string; json: string } | null> {
  try {
    const [row] = await controlDb().$queryRaw<{ text: string; json: string }[]>(Prisma.sql`SELECT ${value}::text AS text, (${JSON.stringify({ v: value })}::jsonb)->>'v' AS json`);
    return row!;
  } catch {
    return null;
  }
}

describe("textProblem", () => {
  it("refuses exactly NUL and unpaired surrogates", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(textProblem(text) === null).toBe(text.isWellFormed() && !text.includes("\u0000"));
      }),
      { numRuns: 2000 },
    );
    expect(textProblem("a\u0000")).toBe(NUL_MESSAGE);
    expect(textProblem("\udc00x")).toBe(SURROGATE_MESSAGE);
    expect(textProblem("emoji \ud83d\ude00, ünïcödé, \u2028")).toBeNull();
  });

  it("lets through what PostgreSQL stores unchanged, and nothing it refuses or alters", async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const stored = await roundTrip(text);
        const kept = stored !== null && stored.text === text && stored.json === text;
        expect(kept).toBe(textProblem(text) === null);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the checks built on it", () => {
  it("find the first bad string or key anywhere in a JSON value, with its path", () => {
    expect(findUnsafeText({ a: "ok", b: [1, { c: "x\u0000" }] })).toEqual({ path: ["b", 1, "c"], message: NUL_MESSAGE });
    expect(findUnsafeText({ metadata: { "k\ud800": "v" } })).toEqual({ path: ["metadata", "k\ud800"], message: SURROGATE_MESSAGE });
    const strings = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : typeof value === "object" && value !== null
          ? Object.entries(value).flatMap(([k, v]) => [...(Array.isArray(value) ? [] : [k]), ...strings(v)])
          : [];
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: fc.oneof(fc.constantFrom("\u0000", "\ud800", "\ud83d\ude00"), fc.char16bits()) }), (value) => {
        const fault = findUnsafeText(value);
        expect(fault === null).toBe(strings(value).every((s) => textProblem(s) === null));
      }),
    );
  });

  it("refuse with validation_failed on the top-level field, or the given name for a bare value", () => {
    const fields = (value: unknown, whole?: string) => {
      try {
        refuseUnsafeText(value, whole);
        return null;
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { code: error.code, fields: error.fields };
      }
    };
    expect(fields({ name: "fine", metadata: { team: "\u0000" } })).toEqual({
      code: "validation_failed",
      fields: { metadata: "Text cannot contain the NUL character (U+0000) (at team)." },
    });
    expect(fields(["\ud800"], "_body")).toEqual({ code: "validation_failed", fields: { _body: "Text cannot contain an unpaired surrogate (malformed Unicode) (at 0)." } });
    expect(fields({ q: "fine" })).toBeNull();
  });

  it("plainText is a string schema with the rule, for query schemas", () => {
    const schema = plainText().trim().max(5);
    expect(schema.parse(" abc ")).toBe("abc");
    expect(schema.safeParse("a\u0000").error?.issues[0]?.message).toBe(NUL_MESSAGE);
    expect(schema.safeParse("toolong").success).toBe(false);
  });
});
