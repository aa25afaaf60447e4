import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { UserDetailPage } from "@/components/users/user-detail-page";

export const metadata: Metadata = { title: "User" };

export default async function ConsoleUserPage({ params }: { params: Promise<{ id: string; username: string }> }) {
  const { id, username } = await params;
  const view = await requireTenantAdminPage({ on: "console", tenantId: id }, "user:read");
  return <UserDetailPage view={view} rawUsername={username} />;
}
