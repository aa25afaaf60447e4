import type { Metadata } from "next";
import { FORBIDDEN, StatusMessage } from "@/components/navigation/status-message";

export const metadata: Metadata = { title: "Not allowed" };

// Outside the console and workspace (their own forbidden.tsx keeps their navigation).
export default function Forbidden() {
  return (
    <main className="px-6 py-8">
      <StatusMessage {...FORBIDDEN} />
    </main>
  );
}
