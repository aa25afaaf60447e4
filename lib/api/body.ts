import { AppError } from "@/lib/errors/app-error";

/** Largest JSON body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body over the limit: `validation_failed`, answered with status 413. */
export class PayloadTooLargeError extends AppError {
  constructor() {
    super("validation_failed", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, { _body: `At most ${MAX_BODY_BYTES} bytes` });
    this.name = "PayloadTooLargeError";
  }
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const invalidBody = (message: string) => new AppError("validation_failed", message, { _body: message });

/** Reads the raw bytes, refusing as soon as they exceed the limit (whatever Content-Length claimed). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The request's JSON body: at most {@link MAX_BODY_BYTES}, sent as JSON, well-formed. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError();
  const type = request.headers.get("content-type");
  if (type !== null && !JSON_TYPE.test(type)) throw invalidBody("Send the body as JSON (Content-Type: application/json).");
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength === 0) throw invalidBody("Send a JSON body.");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw invalidBody("The body is not valid JSON.");
  }
}
