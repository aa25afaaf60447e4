"use client";

import { useEffect, useState } from "react";

const ANNOUNCE_MS = 2000;

/**
 * Copies `value`, exactly, to the clipboard. An icon button named "Copy <what>"; "Copied" (or why
 * not) is announced in a live region next to it and shown for a moment.
 */
export function CopyButton({ value, what, withText = false }: { value: string; what: string; withText?: boolean }) {
  const [outcome, setOutcome] = useState<"copied" | "refused" | null>(null);
  useEffect(() => {
    if (outcome !== "copied") return;
    const timer = setTimeout(() => setOutcome(null), ANNOUNCE_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      setOutcome("refused");
    }
  };
  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={`Copy ${what}`}
        title={`Copy ${what}`}
        className="inline-flex shrink-0 items-center gap-1 rounded-md p-1.5 text-xs font-semibold text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-4 w-4">
          <rect x="7" y="7" width="10" height="10" rx="1.5" />
          <path d="M13 7V4.5A1.5 1.5 0 0 0 11.5 3h-7A1.5 1.5 0 0 0 3 4.5v7A1.5 1.5 0 0 0 4.5 13H7" />
        </svg>
        {withText ? <span aria-hidden="true">Copy</span> : null}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-emerald-700">
        {outcome === "copied" ? (
          <>
            Copied<span className="sr-only"> {what}</span>
          </>
        ) : null}
        {outcome === "refused" ? <span className="text-red-700">The browser refused: select the text and copy it.</span> : null}
      </span>
    </span>
  );
}
