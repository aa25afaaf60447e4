import type { IncomingMessage } from "node:http";
import { MAX_BODY_BYTES } from "@/idp/config";
import { HttpError } from "@/idp/http/respond";
import { findUnsafeText, type TextFault } from "@/shared/unsafe-text";

/** 400 for text PostgreSQL cannot store (a NUL, an unpaired surrogate; shared/unsafe-text.ts), naming where it is. */
export function refuseUnsafeText(value: unknown, what: string): void {
  const fault: TextFault | null = findUnsafeText(value);
  if (!fault) return;
  const where = fault.path.length ? ` (${fault.path.join(".")})` : "";
  throw new HttpError(400, { error: "invalid_request", errorMessage: `${what}${where}: ${fault.message}` });
}

/** Form or query parameters as an object for {@link refuseUnsafeText}: every value of a repeated name counts. */
function paramsObject(params: URLSearchParams): Record<string, string[]> {
  const object: Record<string, string[]> = {};
  for (const [name, value] of params) (object[name] ??= []).push(value);
  return object;
}

/** The query string, refused when it holds text PostgreSQL cannot store. */
export function checkedQuery(params: URLSearchParams): URLSearchParams {
  refuseUnsafeText(paramsObject(params), "The query");
  return params;
}

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
  let body: unknown;
  try {
    body = JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, { error: "invalid_request", errorMessage: "The request body is not valid JSON." });
  }
  refuseUnsafeText(body, "The request body");
  return body;
}

/** The form body; 400 when a name or value holds text PostgreSQL cannot store. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const form = new URLSearchParams((await readBody(req)).toString("utf8"));
  refuseUnsafeText(paramsObject(form), "The form");
  return form;
}
