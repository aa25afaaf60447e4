import { notFound } from "next/navigation";

// Reached only through the proxy's rewrite; answers 404 with the page in ./not-found.tsx.
export default function UnknownWorkspace(): never {
  notFound();
}
