// Parsers for what a client hands the audit trail's list: time filters, page cursors, event ids.
// Each reads the fields and checks them (a real day of a real month, an hour below 24, an id a
// bigint holds), so what it accepts is exactly what PostgreSQL takes; a pattern match alone let
// month 13, year 0000 or an id past 2^63 through to a 500.

/** The position after the last event of a page: its occurred_at (full microseconds, as PostgreSQL prints it) and id. */
export interface AuditCursor {
  at: string;
  id: string;
}

const MAX_BIGINT = 2n ** 63n - 1n;
/** PostgreSQL refuses a UTC offset beyond ±15:59:59. */
const MAX_OFFSET_SECONDS = 15 * 3600 + 59 * 60 + 59;
/** Years 1–9999: four digits, where JavaScript's and PostgreSQL's calendars agree (no year 0, no BC). */
const MIN_INSTANT = new Date("0001-01-01T00:00:00Z").getTime();
const MAX_INSTANT = new Date("9999-12-31T23:59:59.999Z").getTime();

interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Digits after the decimal point, if any. */
  fraction: string;
  /** Seconds east of UTC. */
  offset: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The instant the fields name, or null unless each is in range and the instant lies in years 1–9999 (UTC). */
function instantOf(t: CivilTime): Date | null {
  if (t.year < 1 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > daysInMonth(t.year, t.month)) return null;
  if (t.hour > 23 || t.minute > 59 || t.second > 59 || Math.abs(t.offset) > MAX_OFFSET_SECONDS) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(t.year, t.month - 1, t.day);
  date.setUTCHours(t.hour, t.minute, t.second, Number(t.fraction.slice(0, 3).padEnd(3, "0")));
  const instant = date.getTime() - t.offset * 1000;
  return instant >= MIN_INSTANT && instant <= MAX_INSTANT ? new Date(instant) : null;
}

const sign = (text: string | undefined) => (text === "-" ? -1 : 1);
const int = (text: string | undefined) => Number(text ?? 0);

/**
 * A time filter: an ISO 8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z` or an offset
 * (`+05:30`, `+0530`), or without one as a `datetime-local` input sends it (read as UTC); a space may
 * stand for the `T` (`2026-11-22 15:30`, as the product writes times).
 */
export function parseInstant(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/.exec(text);
  if (!m) return null;
  if (int(m[11]) > 59) return null;
  const offset = m[9] ? sign(m[9]) * (int(m[10]) * 3600 + int(m[11]) * 60) : 0;
  return instantOf({ year: int(m[1]), month: int(m[2]), day: int(m[3]), hour: int(m[4]), minute: int(m[5]), second: int(m[6]), fraction: m[7] ?? "", offset });
}

/** timestamptz as PostgreSQL prints it (DateStyle ISO): `2026-11-22 15:56:11.123456+00`, offsets `+05:30`, `-09:30:15`. */
export function parsePgTimestamp(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  if (int(m[10]) > 59 || int(m[11]) > 59) return null;
  const offset = sign(m[8]) * (int(m[9]) * 3600 + int(m[10]) * 60 + int(m[11]));
  return instantOf({ year: int(m[1]), month: int(m[2]), day: int(m[3]), hour: int(m[4]), minute: int(m[5]), second: int(m[6]), fraction: m[7] ?? "", offset });
}

/** An event id as its bigint column holds it (1 … 2^63 − 1, no leading zeros), or null. */
export function parseEventId(text: string): string | null {
  return /^[1-9]\d{0,18}$/.test(text) && BigInt(text) <= MAX_BIGINT ? text : null;
}

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

/** A cursor {@link encodeCursor} made, or null for anything else. */
export function decodeCursor(text: string): AuditCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const parts = Buffer.from(text, "base64url").toString().split("|");
  const [at, id] = parts;
  if (parts.length !== 2 || at === undefined || id === undefined) return null;
  return parsePgTimestamp(at) && parseEventId(id) ? { at, id } : null;
}
