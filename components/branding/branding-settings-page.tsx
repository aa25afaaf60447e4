import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { getBranding } from "@/lib/branding/service";
import { ASSET_RULES } from "@/lib/branding/upload";
import { retryBrandingSyncAction, saveBrandingAction } from "@/lib/edge/actions/branding";
import { BrandingForm } from "@/components/branding/branding-form";
import { RetryBrandingSyncButton } from "@/components/branding/retry-branding-sync";
import { tenantUrl } from "@/lib/tenancy/urls";

/**
 * Settings → Branding, on the tenant's host and from the console. The caller has checked
 * `settings:update`. From the console the current files are shown from the tenant's own host,
 * the only place they are served.
 */
export async function BrandingSettingsPage({ view }: { view: TenantAdminView }) {
  const { tenant, admin } = view;
  const branding = await getBranding(tenant);
  const origin = admin.target === null ? "" : tenantUrl(tenant);
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Settings · Branding</h1>
        <p className="text-sm text-slate-600">How the workspace and its sign-in page look. Changes apply to both as soon as you save.</p>
      </div>
      {branding.realmSyncState !== "synced" ? (
        <section role="alert" className="grid gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900" data-testid="branding-sync-failed">
          <p>
            <strong>The login page does not show the saved branding yet.</strong>{" "}
            {branding.realmSyncError ? <>The identity server answered: {branding.realmSyncError}</> : "The update did not finish."}
          </p>
          <RetryBrandingSyncButton action={retryBrandingSyncAction.bind(null, admin.target)} />
        </section>
      ) : null}
      <BrandingForm
        action={saveBrandingAction.bind(null, admin.target)}
        rules={ASSET_RULES}
        initial={{
          organizationName: branding.organizationName,
          tagline: branding.tagline ?? "",
          primaryColor: branding.primaryColor,
          logoSrc: branding.logo ? `${origin}${branding.logo.path}` : null,
          faviconSrc: branding.favicon ? `${origin}${branding.favicon.path}` : null,
        }}
      />
    </div>
  );
}
