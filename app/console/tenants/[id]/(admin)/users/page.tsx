import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { UserListPage, type Params } from "@/components/users/user-list-page";

export const metadata: Metadata = { title: "Users" };

export default async function ConsoleUsersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Params> }) {
  const view = await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "user:list");
  return <UserListPage view={view} params={await searchParams} />;
}
