import Link from "next/link";

/** The body of a 403 or 404 page; the host's layout around it keeps its header and navigation. */
export function StatusMessage({ code, title, text, tone }: { code: string; title: string; text: string; tone: "refused" | "missing" }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className={`text-sm font-semibold ${tone === "refused" ? "text-red-700" : "text-brand-600"}`}>{code}</p>
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-3 text-slate-600">{text}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        Go to the home page
      </Link>
    </div>
  );
}

export const FORBIDDEN = {
  code: "403 · Not allowed",
  title: "You don't have access to this page",
  text: "Your account is signed in but lacks the role this page needs. Ask an administrator if you should have it.",
  tone: "refused",
} as const;

export const NOT_FOUND = { code: "404", title: "Page not found", text: "There is no page at this address.", tone: "missing" } as const;
