"use client";

import { useEffect, useRef, type ReactNode } from "react";

const FIELD = "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
const FOCUSABLE = `${FIELD}, button:not([disabled]), a[href]`;

/**
 * A modal dialog (the browser's `<dialog>`: focus kept inside, Escape closes, the page behind
 * inert). Opening focuses its first field (or, without one, its first button) rather than the
 * dialog itself; closing, by Escape, Cancel or success, puts focus back on what opened it.
 * `open` drives it; `onClose` hears every close so the caller's state follows.
 */
export function Dialog({ open, onClose, labelledBy, children }: { open: boolean; onClose: () => void; labelledBy: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      (dialog.querySelector<HTMLElement>(FIELD) ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const closed = () => {
    onClose();
    // The opener may be gone after a success re-rendered the page (a "Suspend…" that became "Resume…").
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  };
  return (
    <dialog ref={ref} aria-labelledby={labelledBy} onClose={closed} className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
      {open ? children : null}
    </dialog>
  );
}
