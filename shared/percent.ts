// Percent-decoding that cannot throw. decodeURIComponent throws URIError on a malformed escape
// (`%zz`), on bytes that are not UTF-8 (`%FF`) and on an encoded surrogate (`%ED%A0%80`); an
// uncaught URIError is a 500. Everything that decodes client text decodes it through this.

/** `text` percent-decoded, or null when it is not well-formed percent-encoded UTF-8. */
export function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
