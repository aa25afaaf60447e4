import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-red-700">403 · Not allowed</p>
      <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-600">Your account is signed in but lacks the role this page needs. Ask an administrator if you should have it.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline">
        Go to the home page
      </Link>
    </main>
  );
}
