import { notFound } from "next/navigation";

// An address no page matches: answered by this host's not-found page, inside its layout.
export default function Missing() {
  notFound();
}
