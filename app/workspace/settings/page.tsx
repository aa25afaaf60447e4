import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { BrandingSettingsPage } from "@/components/branding/branding-settings-page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const view = await requireTenantAdminPermission(null, "settings:update");
  return <BrandingSettingsPage view={view} />;
}
