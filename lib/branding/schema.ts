import { z } from "zod";
import { normalizeHex } from "@/shared/contrast";

export const MAX_ORGANIZATION_NAME = 100;
export const MAX_TAGLINE = 160;
export const DEFAULT_PRIMARY_COLOR = "#2563eb";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((v) => (v === "" ? null : v));

const organizationName = z.string().trim().min(1, "Enter the organization's name").max(MAX_ORGANIZATION_NAME, `At most ${MAX_ORGANIZATION_NAME} characters`);
const primaryColor = z.string().transform((v, ctx) => {
  const hex = normalizeHex(v);
  if (!hex) ctx.addIssue({ code: "custom", message: "Enter a colour as #rrggbb, e.g. #2563eb" });
  return hex ?? "";
});

/** Name, tagline and colour as the REST API takes them (JSON: a missing or null tagline clears it). */
export const brandingSettingsSchema = z.object({
  organizationName,
  tagline: optionalText(MAX_TAGLINE)
    .nullish()
    .transform((v) => v ?? null),
  primaryColor,
});
export type BrandingSettings = z.output<typeof brandingSettingsSchema>;

/** The settings form's text fields and its "Remove" boxes; files are checked by lib/branding/upload.ts. */
export const brandingFormSchema = z.object({
  organizationName,
  tagline: optionalText(MAX_TAGLINE).default(null),
  primaryColor,
  removeLogo: z.enum(["on"]).optional().transform(Boolean),
  removeFavicon: z.enum(["on"]).optional().transform(Boolean),
});
