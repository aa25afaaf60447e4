import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-600">There is no page at this address.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Go to the home page
      </Link>
    </main>
  );
}
