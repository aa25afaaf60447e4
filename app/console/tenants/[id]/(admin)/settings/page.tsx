import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { BrandingSettingsPage } from "@/components/branding/branding-settings-page";

export const metadata: Metadata = { title: "Tenant settings" };

export default async function ConsoleSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const view = await requireTenantAdminPermission((await params).id, "settings:update");
  return <BrandingSettingsPage view={view} />;
}
