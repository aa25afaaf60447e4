import type { Metadata } from "next";
import { requireTenantAdminPermission } from "@/lib/auth/tenant-admin";
import { NewUserPage } from "@/components/users/new-user-page";

export const metadata: Metadata = { title: "Create user" };

export default async function CreateUserPage() {
  return <NewUserPage view={await requireTenantAdminPermission(null, "user:create")} />;
}
