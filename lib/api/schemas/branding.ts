import { z } from "zod";

const assetSchema = z.object({
  contentType: z.string().meta({ description: "image/png, image/jpeg, image/svg+xml or image/x-icon: from the file's content, not from what the upload claimed." }),
  size: z.number().int().meta({ description: "Bytes, after an SVG was sanitised." }),
  sha256: z.string().meta({ description: "SHA-256 of the stored bytes, hex." }),
  path: z.string().meta({
    description: "Where the tenant's own host serves the file, publicly; the path changes with the content.",
    example: "/branding/logo/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  }),
});

export const brandingSchema = z.object({
  organizationName: z.string().meta({ description: "Shown on the workspace and its login page; the tenant's display name until branding is saved." }),
  tagline: z.string().nullable(),
  primaryColor: z.string().meta({ description: "`#rrggbb`, lower case.", example: "#2563eb" }),
  logo: assetSchema.nullable(),
  favicon: assetSchema.nullable(),
  realmSyncState: z
    .enum(["pending", "synced", "failed"])
    .meta({ description: "Whether the identity realm's login page shows this branding yet; `failed` keeps the saved branding, with `realmSyncError`." }),
  realmSyncError: z.string().nullable(),
});
