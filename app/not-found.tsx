import type { Metadata } from "next";
import { NOT_FOUND, StatusMessage } from "@/components/navigation/status-message";

export const metadata: Metadata = { title: "Page not found" };

// Outside the console and workspace (their own not-found.tsx keeps their navigation).
export default function NotFound() {
  return (
    <main className="px-6 py-8">
      <StatusMessage {...NOT_FOUND} />
    </main>
  );
}
