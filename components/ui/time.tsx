// The one way the product shows an instant: `2026-12-07 06:21 UTC` (ISO date, 24-hour clock, the
// zone written out), optionally with "3 min ago" in front and the exact time on hover.
//
// It holds no state and reads no clock of its own: the text depends only on its props, so a
// server component and a client component render the same characters and hydration never
// disagrees. The relative part is computed from `now`, which a server page takes from its
// request; client components that poll (provisioning steps) show the exact form only.

type Precision = "day" | "minute" | "second";

const LENGTH: Record<Precision, number> = { day: 10, minute: 16, second: 19 };

/** `2026-12-07 06:21 UTC` (or the day alone, `2026-12-07`, which needs no zone). */
export function formatInstant(date: Date, precision: Precision = "minute"): string {
  const text = date.toISOString().slice(0, LENGTH[precision]).replace("T", " ");
  return precision === "day" ? text : `${text} UTC`;
}

const UNITS: [limit: number, size: number, unit: string][] = [
  [60, 1, "s"],
  [3600, 60, "min"],
  [86400, 3600, "h"],
  [86400 * 45, 86400, "d"],
];

/** "just now", "3 min ago", "in 2 h", "5 d ago"; null beyond about six weeks, where the date says more. */
export function relativeTime(date: Date, now: Date): string | null {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const distance = Math.abs(seconds);
  if (distance < 45) return "just now";
  const scale = UNITS.find(([limit]) => distance < limit);
  if (!scale) return null;
  const amount = Math.round(distance / scale[1]);
  const span = `${amount} ${scale[2]}`;
  return seconds < 0 ? `${span} ago` : `in ${span}`;
}

interface TimeProps {
  value: Date | string;
  precision?: Precision;
  /** The request's time: shows "3 min ago" with the exact time on hover. */
  now?: Date;
  className?: string;
}

/** An instant in the product's one format, as a `<time>` element with its machine-readable value. */
export function Time({ value, precision = "minute", now, className }: TimeProps) {
  const date = typeof value === "string" ? new Date(value) : value;
  const exact = formatInstant(date, precision);
  const relative = now ? relativeTime(date, now) : null;
  return (
    <time dateTime={date.toISOString()} title={exact} className={className}>
      {relative ?? exact}
    </time>
  );
}
