import type { Metadata } from "next";
import { NOT_FOUND, StatusMessage } from "@/components/navigation/status-message";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return <StatusMessage {...NOT_FOUND} />;
}
