import { AppError } from "@/lib/errors/app-error";
import { getBranding, saveBranding } from "@/lib/branding/service";
import { brandingSettingsSchema } from "@/lib/branding/schema";
import { ASSET_RULES, checkImage, oversizeMessage, type AssetKind, type AssetUpload } from "@/lib/branding/upload";
import { PayloadTooLargeError, readLimited } from "@/lib/input/body";
import { tenantRoute, type PathParams } from "@/lib/api/route";
import { noContent, respond } from "@/lib/api/responses";
import { brandingSchema } from "@/lib/api/schemas/branding";

function kindOf(params: PathParams): AssetKind {
  if (params.kind === "logo" || params.kind === "favicon") return params.kind;
  throw new AppError("not_found", "Branding has a logo and a favicon only.");
}

const acceptedTypes = (kind: AssetKind) => ASSET_RULES[kind].accept.split(",");

/**
 * The request body as the logo or favicon, checked like the settings form's upload: the declared
 * type must be one the file may have, but the stored type comes from the bytes; the same size limit
 * (413, with the form's message on the field) and the same SVG sanitising.
 */
async function readFileBody(kind: AssetKind, request: Request): Promise<AssetUpload> {
  const rule = ASSET_RULES[kind];
  const refuse = (message: string) => new AppError("validation_failed", message, { [kind]: message });
  const declared = request.headers.get("content-type")?.split(";")[0]!.trim().toLowerCase() ?? "";
  if (!acceptedTypes(kind).includes(declared)) throw refuse(`Send the ${rule.label.toLowerCase()} as the request body with Content-Type ${acceptedTypes(kind).join(", ")}.`);
  const bytes = await readLimited(request, rule.maxBytes, (size) => new PayloadTooLargeError(oversizeMessage(kind, size), { [kind]: oversizeMessage(kind, size) }));
  if (bytes.byteLength === 0) throw refuse(`Send the ${rule.label.toLowerCase()} as the request body.`);
  return checkImage(kind, bytes);
}

export const getBrandingRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant }) => respond(brandingSchema, await getBranding(tenant)),
});

/** Name, tagline and colour; the files stay as they are. */
export const putBrandingRoute = tenantRoute({
  permission: "settings:update",
  body: brandingSettingsSchema,
  handle: async ({ tenant, body, actor }) => {
    await saveBranding(tenant, { settings: body }, actor);
    return respond(brandingSchema, await getBranding(tenant));
  },
});

/** Replaces the logo or favicon with the raw request body. */
export const putBrandingFileRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant, params, request, actor }) => {
    const kind = kindOf(params);
    await saveBranding(tenant, { [kind]: await readFileBody(kind, request) }, actor);
    return respond(brandingSchema, await getBranding(tenant));
  },
});

/** Removes the logo or favicon; `not_found` when there is none. */
export const deleteBrandingFileRoute = tenantRoute({
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => {
    const kind = kindOf(params);
    if (!(await getBranding(tenant))[kind]) throw new AppError("not_found", `This workspace has no ${ASSET_RULES[kind].label.toLowerCase()}.`);
    await saveBranding(tenant, { [kind]: null }, actor);
    return noContent();
  },
});
