import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { UserDetailPage } from "@/components/users/user-detail-page";

export const metadata: Metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ username: string }> }) {
  const view = await requireTenantAdminPage({ on: "workspace" }, "user:read");
  return <UserDetailPage view={view} rawUsername={(await params).username} />;
}
