import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/control/client";
import { controlDb } from "@/lib/db/control";
import { decodeCursor, encodeCursor, parseEventId, parseInstant, parsePgTimestamp } from "@/lib/audit/parse";

// Property tests of the audit list's parsers; PostgreSQL (the test cluster) is the oracle for
// what a timestamptz or a bigint is.

afterAll(() => controlDb().$disconnect());

const MIN = new Date("0001-01-01T00:00:00Z");
const MAX = new Date("9999-12-31T23:59:59.999Z");
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");
const instants = fc.date({ min: MIN, max: MAX, noInvalidDate: true });

/** Date-time fields over wider ranges than the calendar allows, to hit every edge. */
const fields = fc.record({
  year: fc.integer({ min: 0, max: 9999 }),
  month: fc.integer({ min: 0, max: 13 }),
  day: fc.integer({ min: 0, max: 32 }),
  hour: fc.integer({ min: 0, max: 25 }),
  minute: fc.integer({ min: 0, max: 61 }),
  second: fc.integer({ min: 0, max: 61 }),
  offsetHours: fc.integer({ min: -17, max: 17 }),
  offsetMinutes: fc.constantFrom(0, 30, 45, 59, 60),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** The calendar's rules, written out independently of the parser. */
function real(f: Fields): boolean {
  const days = [31, leap(f.year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][f.month - 1];
  return f.year >= 1 && days !== undefined && f.day >= 1 && f.day <= days && f.hour < 24 && f.minute < 60 && f.second < 60 && Math.abs(f.offsetHours) <= 15 && f.offsetMinutes < 60;
}
const offsetText = (f: Fields, colon = ":") => `${f.offsetHours < 0 ? "-" : "+"}${pad(f.offsetHours)}${colon}${pad(f.offsetMinutes)}`;
const isoText = (f: Fields) => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${offsetText(f)}`;
const pgText = (f: Fields, fraction = "") => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}${fraction}${offsetText(f)}`;

/** PostgreSQL's reading of a timestamptz literal: its epoch in milliseconds, or null when it refuses it. */
async function postgresEpoch(text: string): Promise<number | null> {
  try {
    // extract(epoch) is numeric: exact to the microsecond, unlike a float.
    const [row] = await controlDb().$queryRaw<{ ms: string }[]>(Prisma.sql`SELECT floor(extract(epoch FROM ${text}::timestamptz) * 1000)::bigint::text AS ms`);
    return Number(row!.ms);
  } catch {
    return null;
  }
}

describe("parseInstant", () => {
  it("reads back every instant of years 1–9999 as ISO prints it, and as datetime-local sends it", () => {
    fc.assert(
      fc.property(instants, (date) => {
        expect(parseInstant(date.toISOString())?.getTime()).toBe(date.getTime());
        const local = date.toISOString().slice(0, 16);
        expect(parseInstant(local)?.toISOString().slice(0, 16)).toBe(local);
      }),
    );
  });

  it("accepts exactly the real dates and times, and each lands where the offset says", () => {
    fc.assert(
      fc.property(fields, (f) => {
        const parsed = parseInstant(isoText(f));
        const utcYearOk = (d: Date) => d >= MIN && d <= MAX;
        if (!real(f)) {
          expect(parsed).toBeNull();
          return;
        }
        const local = new Date(0);
        local.setUTCFullYear(f.year, f.month - 1, f.day);
        local.setUTCHours(f.hour, f.minute, f.second, 0);
        const expected = new Date(local.getTime() - Math.sign(f.offsetHours || 1) * (Math.abs(f.offsetHours) * 3600 + f.offsetMinutes * 60) * 1000);
        expect(parsed?.getTime() ?? null).toBe(utcYearOk(expected) ? expected.getTime() : null);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws and never returns an invalid Date, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("0", "1", "2", "9", "-", "+", ":", "T", "Z", ".", " ") })), (text) => {
        const parsed = parseInstant(text);
        if (parsed) expect(Number.isNaN(parsed.getTime())).toBe(false);
      }),
    );
  });
});

describe("parsePgTimestamp and the cursor", () => {
  it("accepts only what PostgreSQL accepts, meaning the same instant", async () => {
    await fc.assert(
      fc.asyncProperty(fields, fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }), async (f, micros) => {
        const text = pgText(f, micros === undefined ? "" : `.${String(micros).padStart(6, "0")}`);
        const ours = parsePgTimestamp(text);
        if (real(f) && f.year > 1 && f.year < 9999) expect(ours).not.toBeNull();
        if (!ours) return;
        const theirs = await postgresEpoch(text);
        expect(theirs).not.toBeNull();
        expect(theirs).toBe(ours.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it("reads back every cursor PostgreSQL would print, with every id a bigint holds, and nothing past it", async () => {
    await fc.assert(
      fc.asyncProperty(instants, fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }), async (date, id) => {
        const [row] = await controlDb().$queryRaw<{ at: string }[]>(Prisma.sql`SELECT ${date}::timestamptz::text AS at`);
        const cursor = { at: row!.at, id: String(id) };
        expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
        expect(decodeCursor(encodeCursor({ at: row!.at, id: String(id + 2n ** 63n - 1n) }))).toBeNull();
      }),
      { numRuns: 100 },
    );
  });

  it("takes a bigint id exactly when PostgreSQL does", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.constantFrom(2n ** 63n - 1n, 2n ** 63n, 10n ** 19n - 1n)), async (id) => {
        const text = String(id);
        const fits = await controlDb()
          .$queryRaw(Prisma.sql`SELECT ${text}::bigint AS id`)
          .then(
            () => true,
            () => false,
          );
        expect(parseEventId(text) !== null).toBe(fits && id >= 1n);
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on any text a client might send as `after`", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.base64String(),
          fc.string().map((s) => Buffer.from(s).toString("base64url")),
        ),
        (text) => {
          const cursor = decodeCursor(text);
          if (cursor) expect(parsePgTimestamp(cursor.at)).not.toBeNull();
        },
      ),
    );
  });
});
