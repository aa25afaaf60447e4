import type { ButtonHTMLAttributes } from "react";

// Primary buttons wear the action colour (app/globals.css): a workspace's brand colour there. Hover
// only changes an enabled button: a disabled one is faded and never reacts as if clickable.
const variants = {
  primary: "bg-[var(--action)] text-[color:var(--on-action)] enabled:hover:bg-[var(--action-hover)]",
  secondary: "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 enabled:hover:bg-slate-50",
  danger: "bg-red-600 text-white enabled:hover:bg-red-700",
} as const;

export function Button({ variant = "primary", className = "", ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return (
    <button
      className={`inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:cursor-not-allowed disabled:opacity-50 disabled:shadow-none ${variants[variant]} ${className}`}
      {...rest}
    />
  );
}

export const linkButtonClass =
  "inline-flex items-center rounded-md bg-[var(--action)] px-4 py-2 text-sm font-semibold text-[color:var(--on-action)] shadow-sm hover:bg-[var(--action-hover)]";
