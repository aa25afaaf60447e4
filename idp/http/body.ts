import type { IncomingMessage } from "node:http";
import { MAX_BODY_BYTES } from "@/idp/config";
import { HttpError } from "@/idp/http/respond";

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new HttpError(413, { error: "Request entity too large" });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON body, or undefined when there is none; 400 when it does not parse. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readBody(req)).toString("utf8");
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, { error: "invalid_request", errorMessage: "The request body is not valid JSON." });
  }
}

export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString("utf8"));
}
