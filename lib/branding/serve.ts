import "server-only";
import { z } from "zod";
import { findBrandingAsset } from "@/lib/branding/service";
import type { ResolvedTenant } from "@/lib/tenancy/types";

const assetParams = z.object({ kind: z.enum(["logo", "favicon"]), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

// An SVG opened on its own must not run anything, even if the sanitiser missed something.
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; sandbox";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" } });

/**
 * GET `/branding/{logo|favicon}/{sha256}` on a workspace host (workspaceFileRoute): that workspace's file, from its own
 * database — another tenant's host never finds it. Public, as the login page shows it before
 * sign-in. The URL changes with the content, so it may be cached for good.
 */
export async function serveBrandingAsset(tenant: ResolvedTenant, raw: { kind: string; sha256: string }): Promise<Response> {
  const params = assetParams.safeParse(raw);
  if (!params.success) return notFound();
  const asset = await findBrandingAsset(tenant, params.data.kind, params.data.sha256);
  if (!asset) return notFound();
  const headers: Record<string, string> = {
    "content-type": asset.contentType === "image/svg+xml" ? "image/svg+xml; charset=utf-8" : asset.contentType,
    "content-length": String(asset.bytes.byteLength),
    "x-content-type-options": "nosniff",
    "cache-control": "public, max-age=31536000, immutable",
    "cross-origin-resource-policy": "cross-origin",
  };
  if (asset.contentType === "image/svg+xml") headers["content-security-policy"] = SVG_POLICY;
  return new Response(Buffer.from(asset.bytes), { status: 200, headers });
}
