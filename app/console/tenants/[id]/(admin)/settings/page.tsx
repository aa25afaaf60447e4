import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { BrandingSettingsPage } from "@/components/branding/branding-settings-page";

export const metadata: Metadata = { title: "Settings" };

export default async function ConsoleSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const view = await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "settings:update");
  return <BrandingSettingsPage view={view} />;
}
