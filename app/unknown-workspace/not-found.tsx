import type { Metadata } from "next";
import { headers } from "next/headers";

export const metadata: Metadata = { title: "Unknown workspace" };

export default async function UnknownWorkspaceNotFound() {
  const host = (await headers()).get("host") ?? "this address";
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404 · Unknown workspace</p>
      <h1 className="mt-2 text-2xl font-semibold">There is no workspace at {host}</h1>
      <p className="mt-3 text-slate-600">Check the address for a typo. If your organisation moved to a new address, ask your administrator for the new link.</p>
    </main>
  );
}
