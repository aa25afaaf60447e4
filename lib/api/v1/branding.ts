import { AppError } from "@/lib/errors/app-error";
import { getBranding, saveBranding } from "@/lib/branding/service";
import { brandingSettingsSchema } from "@/lib/branding/schema";
import { ASSET_RULES, checkImage, formatKiB, oversizeMessage, type AssetKind, type AssetUpload } from "@/lib/branding/upload";
import { PayloadTooLargeError, readLimited } from "@/lib/input/body";
import { tenantRoute } from "@/lib/edge/tenant-route";
import type { PathParams } from "@/lib/edge/route-handler";
import { noContent, respond } from "@/lib/edge/responses";
import { json, NO_CONTENT, returns } from "@/lib/api/operation-responses";
import { errorSchema } from "@/lib/api/schemas/common";
import { tenantPathParams } from "@/lib/api/schemas/path-params";
import { brandingSchema } from "@/lib/api/schemas/branding";

function kindOf(params: PathParams): AssetKind {
  if (params.kind === "logo" || params.kind === "favicon") return params.kind;
  throw new AppError("not_found", "Branding has a logo and a favicon only.");
}

const acceptedTypes = (kind: AssetKind) => ASSET_RULES[kind].accept.split(",");
const FILE_RULES = (["logo", "favicon"] as const)
  .map((kind) => `${ASSET_RULES[kind].label}: ${ASSET_RULES[kind].typeNames}, at most ${formatKiB(ASSET_RULES[kind].maxBytes)}`)
  .join("; ");

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
  method: "get",
  path: "/api/v1/tenants/{key}/branding",
  operationId: "getBranding",
  tag: "Branding",
  summary: "Get the branding",
  description: "Name, tagline, colour, the files' metadata (never their bytes: those are served at `path` on the tenant's host) and whether the login page shows it yet.",
  pathParams: tenantPathParams.tenant,
  responses: returns("The branding.", brandingSchema),
  permission: "settings:update",
  handle: async ({ tenant }) => respond(brandingSchema, await getBranding(tenant)),
});

/** Name, tagline and colour; the files stay as they are. */
export const putBrandingRoute = tenantRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/branding",
  operationId: "setBranding",
  tag: "Branding",
  summary: "Set name, tagline and colour",
  description:
    "The same rules and the same audit event (`settings.updated`) as the settings page; the files stay as they are. The workspace shows it at once; the realm's login page is updated next (`realmSyncState`; on `failed` the branding stays saved and the settings page offers a retry).",
  pathParams: tenantPathParams.tenant,
  responses: returns("The branding after the save.", brandingSchema),
  permission: "settings:update",
  body: brandingSettingsSchema,
  handle: async ({ tenant, body, actor }) => {
    await saveBranding(tenant, { settings: body }, actor);
    return respond(brandingSchema, await getBranding(tenant));
  },
});

/** Replaces the logo or favicon with the raw request body. */
export const putBrandingFileRoute = tenantRoute({
  method: "put",
  path: "/api/v1/tenants/{key}/branding/{kind}",
  operationId: "setBrandingFile",
  tag: "Branding",
  summary: "Upload the logo or favicon",
  description: `The file is the raw request body. ${FILE_RULES}. The type is taken from the content (the Content-Type must name a type the file may have); an SVG is sanitised (scripts, event handlers and external references removed). A file over the limit is refused with 413 and nothing is written.`,
  pathParams: tenantPathParams.brandingFile,
  rawBody: { description: "The image file.", types: [...new Set([...acceptedTypes("logo"), ...acceptedTypes("favicon")])] },
  responses: {
    ...returns("The branding after the save.", brandingSchema),
    413: { description: "`validation_failed`: the file is over its size limit (`fields` names it).", content: json(errorSchema) },
  },
  permission: "settings:update",
  handle: async ({ tenant, params, request, actor }) => {
    const kind = kindOf(params);
    await saveBranding(tenant, { [kind]: await readFileBody(kind, request) }, actor);
    return respond(brandingSchema, await getBranding(tenant));
  },
});

/** Removes the logo or favicon; `not_found` when there is none. */
export const deleteBrandingFileRoute = tenantRoute({
  method: "delete",
  path: "/api/v1/tenants/{key}/branding/{kind}",
  operationId: "removeBrandingFile",
  tag: "Branding",
  summary: "Remove the logo or favicon",
  description: "Audited like a save; the login page stops showing it. `not_found` when there is none.",
  pathParams: tenantPathParams.brandingFile,
  responses: NO_CONTENT,
  permission: "settings:update",
  handle: async ({ tenant, params, actor }) => {
    const kind = kindOf(params);
    if (!(await getBranding(tenant))[kind]) throw new AppError("not_found", `This workspace has no ${ASSET_RULES[kind].label.toLowerCase()}.`);
    await saveBranding(tenant, { [kind]: null }, actor);
    return noContent();
  },
});
