import Link from "next/link";

/** What a one-shot form leaves behind once it succeeded: its message and where to go next. */
export function DonePanel({ message, href, label }: { message: string; href: string; label: string }) {
  return (
    <div className="grid gap-4 rounded-lg border border-emerald-200 bg-white p-5">
      <p role="status" className="text-emerald-800">
        {message}
      </p>
      <Link href={href} className="font-medium text-brand-700 underline">
        {label}
      </Link>
    </div>
  );
}
