import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { BrandingSettingsPage } from "@/components/branding/branding-settings-page";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const view = await requireTenantAdminPage({ on: "workspace" }, "settings:update");
  return <BrandingSettingsPage view={view} />;
}
