import { z } from "zod";
import { normalizeHex } from "@/lib/branding/contrast";

export const MAX_ORGANIZATION_NAME = 100;
export const MAX_TAGLINE = 160;
export const DEFAULT_PRIMARY_COLOR = "#2563eb";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((v) => (v === "" ? null : v));

/** The settings form's text fields; files are checked by lib/branding/upload.ts. */
export const brandingFormSchema = z.object({
  organizationName: z.string().trim().min(1, "Enter the organization's name").max(MAX_ORGANIZATION_NAME, `At most ${MAX_ORGANIZATION_NAME} characters`),
  tagline: optionalText(MAX_TAGLINE).default(null),
  primaryColor: z
    .string()
    .transform((v, ctx) => {
      const hex = normalizeHex(v);
      if (!hex) ctx.addIssue({ code: "custom", message: "Enter a colour as #rrggbb, e.g. #2563eb" });
      return hex ?? "";
    }),
  removeLogo: z.enum(["on"]).optional().transform(Boolean),
  removeFavicon: z.enum(["on"]).optional().transform(Boolean),
});
export type BrandingFormInput = z.output<typeof brandingFormSchema>;
