"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useState } from "react";
import { NavLinks } from "./nav-links";
import type { NavItem } from "./paths";

/**
 * The navigation on narrow screens: a button that opens it as a panel from the left. Radix's dialog
 * keeps focus inside while open, closes on Escape or outside click and gives focus back to the button.
 */
export function MobileNav({ label, items }: { label: string; items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger className="inline-flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 lg:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
        </svg>
        Menu
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 lg:hidden" />
        <Dialog.Content aria-describedby={undefined} className="fixed inset-y-0 left-0 z-50 w-72 max-w-[85vw] overflow-y-auto bg-white p-4 shadow-xl focus:outline-none lg:hidden">
          <div className="mb-3 flex items-center justify-between">
            <Dialog.Title className="text-sm font-semibold text-slate-700">{label}</Dialog.Title>
            <Dialog.Close className="rounded-md px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Close</Dialog.Close>
          </div>
          <NavLinks label={label} items={items} onNavigate={() => setOpen(false)} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
