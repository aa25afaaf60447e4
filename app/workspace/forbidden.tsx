import type { Metadata } from "next";
import { FORBIDDEN, StatusMessage } from "@/components/navigation/status-message";

export const metadata: Metadata = { title: "Not allowed" };

export default function Forbidden() {
  return <StatusMessage {...FORBIDDEN} />;
}
