import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { NewUserPage } from "@/components/users/new-user-page";

export const metadata: Metadata = { title: "New user · Users" };

export default async function ConsoleCreateUserPage({ params }: { params: Promise<{ id: string }> }) {
  return <NewUserPage view={await requireTenantAdminPage({ on: "console", tenantId: (await params).id }, "user:create")} />;
}
