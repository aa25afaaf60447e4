import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { UserDetailPage } from "@/components/users/user-detail-page";

/** "alice · Users", under the layout's template (the tenant's, the workspace's). */
export async function generateMetadata({ params }: { params: Promise<{ username: string }> }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).username)} · Users` };
}

export default async function UserPage({ params }: { params: Promise<{ username: string }> }) {
  const view = await requireTenantAdminPage({ on: "workspace" }, "user:read");
  return <UserDetailPage view={view} rawUsername={(await params).username} />;
}
