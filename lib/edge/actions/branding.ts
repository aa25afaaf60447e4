"use server";

import { isAppError } from "@/lib/errors/app-error";
import { fieldErrors, invalidFields } from "@/lib/errors/zod";
import { brandingFormSchema } from "@/lib/branding/schema";
import { retryBrandingSync, saveBranding } from "@/lib/branding/service";
import { readUpload, type AssetKind, type AssetUpload } from "@/lib/branding/upload";
import { tenantAction } from "@/lib/edge/tenant-action";

const SYNC_FAILED = "Saved for this workspace, but its login page could not be updated yet. Retry below.";

/** The file field's upload, or its error message. */
async function checkedUpload(kind: AssetKind, formData: FormData): Promise<{ upload: AssetUpload | null } | { error: string }> {
  try {
    return { upload: await readUpload(kind, formData.get(kind)) };
  } catch (error) {
    if (isAppError(error) && error.fields[kind]) return { error: error.fields[kind] };
    throw error;
  }
}

/** Saves name, tagline, colour, logo and favicon. Every field is checked before anything is written. */
export const saveBrandingAction = tenantAction({
  permission: "settings:update",
  handle: async ({ tenant, actor, values, formData }) => {
    const parsed = brandingFormSchema.safeParse(values);
    const [logo, favicon] = await Promise.all([checkedUpload("logo", formData), checkedUpload("favicon", formData)]);
    const errors = {
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
      ...("error" in logo ? { logo: logo.error } : {}),
      ...("error" in favicon ? { favicon: favicon.error } : {}),
    };
    if (!parsed.success || "error" in logo || "error" in favicon) throw invalidFields(errors);
    const { removeLogo, removeFavicon, ...settings } = parsed.data;
    const state = await saveBranding(
      tenant,
      { settings, logo: logo.upload ?? (removeLogo ? null : undefined), favicon: favicon.upload ?? (removeFavicon ? null : undefined) },
      actor,
    );
    if (state === "synced") return { message: "Saved. The workspace and its login page show the new branding." };
    // Another save came in while the login page was being updated; that one's update follows.
    if (state === "pending") return { message: "Saved. The login page is being updated with the newest branding." };
    return { message: SYNC_FAILED };
  },
});

/** Pushes the saved branding to the realm's login page again. */
export const retryBrandingSyncAction = tenantAction({
  permission: "settings:update",
  handle: async ({ tenant, actor }) => {
    const state = await retryBrandingSync(tenant, actor);
    return state === "synced" ? { message: "The login page is up to date." } : { ok: false, message: "The login page still could not be updated." };
  },
});
