import Link from "next/link";
import type { ReactNode } from "react";

export interface AttentionItem {
  key: string;
  /** Where the operator fixes it. */
  href: string;
  title: ReactNode;
  detail: ReactNode;
}

/** One kind of thing that needs the operator: a heading and its items, each a link to where it is fixed; nothing at all when empty. */
export function AttentionList({ id, title, items }: { id: string; title: string; items: AttentionItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title} <span className="text-sm font-normal text-slate-500">({items.length})</span>
      </h2>
      <ul className="mt-3 divide-y divide-slate-100 text-sm">
        {items.map((item) => (
          <li key={item.key} className="py-2">
            <Link href={item.href} className="font-medium text-brand-700 hover:underline">
              {item.title}
            </Link>
            <p className="text-slate-600">{item.detail}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
