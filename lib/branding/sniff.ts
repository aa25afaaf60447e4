/** Image types a logo or favicon may have, recognised by their first bytes — never by the file name. */
export type ImageType = "image/png" | "image/jpeg" | "image/svg+xml" | "image/x-icon";

const startsWith = (bytes: Uint8Array, signature: readonly number[]) => signature.every((b, i) => bytes[i] === b);

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ICO = [0x00, 0x00, 0x01, 0x00];

// Before the root element an SVG file may have a BOM, whitespace, an XML declaration, comments and a doctype.
const SVG_PROLOGUE = /^\uFEFF?(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<svg[\s>/]/i;

function looksLikeSvg(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, 4096));
  } catch {
    // A multi-byte character cut at 4096 bytes is fine; anything else is not UTF-8 text.
    if (bytes.length <= 4096) return false;
    text = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096));
  }
  return SVG_PROLOGUE.test(text);
}

/** The file's type from its content, or null when it is none of the accepted image types. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  if (bytes.length >= 6 && startsWith(bytes, ICO) && (bytes[4]! | (bytes[5]! << 8)) > 0) return "image/x-icon";
  if (looksLikeSvg(bytes)) return "image/svg+xml";
  return null;
}
