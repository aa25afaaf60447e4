import { AppError } from "@/lib/errors/app-error";
import { refuseUnsafeText } from "@/lib/input/text";

/** Largest JSON body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A body over the limit: `validation_failed`, answered with status 413. */
export class PayloadTooLargeError extends AppError {
  constructor(message = `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, fields: Record<string, string> = { _body: `At most ${MAX_BODY_BYTES} bytes` }) {
    super("validation_failed", message, fields);
    this.name = "PayloadTooLargeError";
  }
}

type TooLarge = (declaredSize?: number) => PayloadTooLargeError;
const tooLargeJson: TooLarge = () => new PayloadTooLargeError();

/** The size the client declared in Content-Length, when it sent a valid one. */
function declaredSize(request: Request): number | undefined {
  const header = request.headers.get("content-length");
  const size = header === null ? NaN : Number(header);
  return Number.isFinite(size) && size >= 0 ? size : undefined;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const invalidBody = (message: string) => new AppError("validation_failed", message, { _body: message });

/** Reads the raw bytes, refusing a declared Content-Length over the limit at once, and any body as soon as it exceeds it. */
export async function readLimited(request: Request, limit: number, tooLarge: TooLarge = tooLargeJson): Promise<Uint8Array<ArrayBuffer>> {
  const declared = declaredSize(request);
  if (declared !== undefined && declared > limit) throw tooLarge(declared);
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
      throw tooLarge(declared);
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

/**
 * The request's JSON body: at most {@link MAX_BODY_BYTES}, sent as JSON, well-formed, and with no
 * NUL or unpaired surrogate in any string or key (lib/input/text.ts; `validation_failed` naming the field).
 */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  if ((declaredSize(request) ?? 0) > limit) throw new PayloadTooLargeError();
  const type = request.headers.get("content-type");
  if (type !== null && !JSON_TYPE.test(type)) throw invalidBody("Send the body as JSON (Content-Type: application/json).");
  const bytes = await readLimited(request, limit);
  if (bytes.byteLength === 0) throw invalidBody("Send a JSON body.");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw invalidBody("The body is not valid JSON.");
  }
  refuseUnsafeText(body);
  return body;
}
