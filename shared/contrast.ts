/**
 * WCAG 2.x contrast, with no I/O: relative luminance of sRGB colours and the contrast ratio
 * between two of them. Shared by the settings form (its warning), the workspace header and the
 * identity server's login page (which text colour goes on the brand colour).
 */

/** WCAG AA for normal text. */
export const AA_NORMAL_TEXT = 4.5;

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc` or `#aabbcc` (any case) as lowercase `#aabbcc`; null for anything else. */
export function normalizeHex(value: string): string | null {
  const trimmed = value.trim();
  if (!HEX.test(trimmed)) return null;
  const lower = trimmed.toLowerCase();
  return lower.length === 4 ? `#${[...lower.slice(1)].map((c) => c + c).join("")}` : lower;
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (0 black … 1 white) of a hex colour. */
export function relativeLuminance(hex: string): number {
  const full = normalizeHex(hex);
  if (!full) throw new Error(`not a hex colour: ${hex}`);
  const [r, g, b] = [1, 3, 5].map((i) => linear(parseInt(full.slice(i, i + 2), 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio between two colours, 1 (none) to 21 (black on white); order does not matter. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Black or white, whichever contrasts more with `background`. */
export function textColorOn(background: string): "#000000" | "#ffffff" {
  return contrastRatio(background, "#000000") >= contrastRatio(background, "#ffffff") ? "#000000" : "#ffffff";
}

export interface ContrastReport {
  /** The text colour used on the brand colour (buttons, header). */
  textColor: "#000000" | "#ffffff";
  textContrast: number;
  /** The brand colour against white: white text on it, and it as text or border on white pages. */
  whiteContrast: number;
  /** Human warnings, empty when both pass AA. */
  warnings: string[];
}

const ratio = (value: number) => `${value.toFixed(2)}:1`;

/** What the settings form warns about (it still lets the colour be saved). */
export function contrastReport(color: string): ContrastReport {
  const textColor = textColorOn(color);
  const textContrast = contrastRatio(color, textColor);
  const whiteContrast = contrastRatio(color, "#ffffff");
  const warnings: string[] = [];
  if (whiteContrast < AA_NORMAL_TEXT) {
    warnings.push(
      `White and this colour contrast only ${ratio(whiteContrast)} (WCAG AA needs ${AA_NORMAL_TEXT}:1): white text on it, and it on white pages, will be hard to read.`,
    );
  }
  if (textContrast < AA_NORMAL_TEXT) {
    warnings.push(`${textColor === "#000000" ? "Black" : "White"} text on this colour contrasts only ${ratio(textContrast)}, below WCAG AA (${AA_NORMAL_TEXT}:1).`);
  }
  return { textColor, textContrast, whiteContrast, warnings };
}
