import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { sanitizeSvgOffThread, SvgTooComplexError } from "@/lib/branding/sanitize-off-thread";
import { svgComplexityProblem } from "@/lib/branding/svg-limits";
import { sniffImageType, type ImageType } from "@/lib/branding/sniff";

export type AssetKind = "logo" | "favicon";

export interface AssetRule {
  label: string;
  maxBytes: number;
  types: readonly ImageType[];
  /** For the form's `accept` attribute and its hint; the server goes by the bytes, not by this. */
  accept: string;
  typeNames: string;
}

export const ASSET_RULES: Record<AssetKind, AssetRule> = {
  logo: { label: "Logo", maxBytes: 512 * 1024, types: ["image/png", "image/svg+xml", "image/jpeg"], accept: "image/png,image/svg+xml,image/jpeg", typeNames: "PNG, SVG or JPEG" },
  favicon: {
    label: "Favicon",
    maxBytes: 64 * 1024,
    types: ["image/png", "image/x-icon", "image/svg+xml"],
    accept: "image/png,image/x-icon,image/vnd.microsoft.icon,image/svg+xml",
    typeNames: "PNG, ICO or SVG",
  },
};

export interface AssetUpload {
  contentType: ImageType;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

export const formatKiB = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

const refuse = (kind: AssetKind, message: string) => new AppError("validation_failed", "Some fields need attention.", { [kind]: message });

/** A file over its kind's limit, with the size when it is known. */
export function oversizeMessage(kind: AssetKind, size?: number): string {
  const rule = ASSET_RULES[kind];
  const limit = `the ${rule.label.toLowerCase()} may be at most ${formatKiB(rule.maxBytes)}.`;
  return size === undefined ? `The file is too large; ${limit}` : `The file is ${formatKiB(size)}; ${limit}`;
}

/**
 * The uploaded file checked and made safe to serve, or null when none was chosen. Throws
 * `validation_failed` on the field otherwise.
 */
export async function readUpload(kind: AssetKind, file: FormDataEntryValue | null): Promise<AssetUpload | null> {
  if (!file || typeof file === "string" || file.size === 0) return null;
  if (file.size > ASSET_RULES[kind].maxBytes) throw refuse(kind, oversizeMessage(kind, file.size));
  return checkImage(kind, new Uint8Array(await file.arrayBuffer()));
}

const TOO_COMPLEX = "This SVG is too complex to check; simplify the drawing (or export it as PNG).";

/** The SVG made safe to serve (see lib/branding/sanitize-svg.ts), refused when too deep, too big or empty. */
async function cleanSvg(kind: AssetKind, svg: string): Promise<string> {
  const problem = svgComplexityProblem(svg);
  if (problem) throw refuse(kind, problem);
  let clean: string | null;
  try {
    clean = await sanitizeSvgOffThread(svg);
  } catch (error) {
    if (error instanceof SvgTooComplexError) throw refuse(kind, TOO_COMPLEX);
    throw error;
  }
  if (!clean) throw refuse(kind, "This SVG has no drawing left once scripts and external references are removed.");
  return clean;
}

/**
 * A file's bytes (within the size limit) checked and made safe to serve: the type comes from the
 * content (magic bytes), never from the name or the sender's claim; SVG is bounded in depth and
 * element count, then sanitised off the request thread. Throws `validation_failed` on the field
 * otherwise.
 */
export async function checkImage(kind: AssetKind, bytes: Uint8Array<ArrayBuffer>): Promise<AssetUpload> {
  const rule = ASSET_RULES[kind];
  const contentType = sniffImageType(bytes);
  if (!contentType || !rule.types.includes(contentType)) throw refuse(kind, `This file is not a ${rule.typeNames} image.`);
  if (contentType === "image/svg+xml") bytes = new TextEncoder().encode(await cleanSvg(kind, new TextDecoder().decode(bytes)));
  return { contentType, bytes, sha256: createHash("sha256").update(bytes).digest("hex") };
}
