// The worker thread that sanitises SVG uploads (lib/branding/sanitize-off-thread.ts), so that a
// heavy file keeps one core busy instead of the server's event loop. Imports only relative files
// and packages: it runs outside the app's module graph (a bundle entry of its own under Next.js).
import { parentPort } from "node:worker_threads";
import { sanitizeSvg } from "./sanitize-svg.ts";

export interface SanitizeRequest {
  id: number;
  svg: string;
}

export type SanitizeReply = { id: number; ok: true; clean: string | null } | { id: number; ok: false; tooComplex: boolean; message: string };

parentPort!.on("message", ({ id, svg }: SanitizeRequest) => {
  let reply: SanitizeReply;
  try {
    reply = { id, ok: true, clean: sanitizeSvg(svg) };
  } catch (error) {
    // Too deep a tree for the parser's recursion is the file's fault, not the server's.
    reply = { id, ok: false, tooComplex: error instanceof RangeError, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
