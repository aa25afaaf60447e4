// Text Gatehouse takes from anyone: no NUL character (PostgreSQL cannot store one in text or
// jsonb, so it answered 500) and no unpaired UTF-16 surrogate (not Unicode text: a text column
// silently turns it into U+FFFD and jsonb refuses it). One rule, applied where input comes in:
// the app's (lib/input/text.ts) and the embedded identity server's (idp/http/body.ts, its form
// fields and query parameters).

export const NUL_MESSAGE = "Text cannot contain the NUL character (U+0000).";
export const SURROGATE_MESSAGE = "Text cannot contain an unpaired surrogate (malformed Unicode).";

/** A NUL, or a surrogate that is not half of a pair (`u` mode reads a pair as one code point). */
const UNSAFE = /[\u0000\ud800-\udfff]/u;

/** Why `text` cannot be taken, or null when it can. */
export function textProblem(text: string): string | null {
  const found = UNSAFE.exec(text);
  if (!found) return null;
  return found[0] === "\u0000" ? NUL_MESSAGE : SURROGATE_MESSAGE;
}

/** `text` with each NUL and unpaired surrogate replaced by U+FFFD, for recording what was refused. */
export function replaceUnsafeText(text: string): string {
  return text.replace(new RegExp(UNSAFE.source, "gu"), "\ufffd");
}

export interface TextFault {
  /** Where: object keys and array indexes from the top. */
  path: (string | number)[];
  message: string;
}

/** The first string (or object key) in a JSON-like value that breaks the rule, depth first. */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): TextFault | null {
  if (typeof value === "string") {
    const problem = textProblem(value);
    return problem ? { path, message: problem } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const fault = findUnsafeText(item, [...path, index]);
      if (fault) return fault;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) return { path: [...path, key], message: problem };
      const fault = findUnsafeText(item, [...path, key]);
      if (fault) return fault;
    }
  }
  return null;
}
