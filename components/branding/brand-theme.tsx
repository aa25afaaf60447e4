import { normalizeHex, textColorOn } from "@/shared/contrast";

/**
 * Puts the workspace's brand colour on its primary buttons: the action colour variables
 * (app/globals.css) for the whole page, the text on it black or white by the contrast rule.
 */
export function BrandTheme({ color }: { color: string }) {
  // The stored colour is validated on save; anything else would not be a safe CSS value.
  const hex = normalizeHex(color);
  if (!hex) return null;
  return <style>{`:root{--action:${hex};--action-hover:color-mix(in srgb, ${hex} 85%, black);--on-action:${textColorOn(hex)}}`}</style>;
}
