import type { Metadata } from "next";
import { requireTenantAdminPage } from "@/lib/edge/pages";
import { NewUserPage } from "@/components/users/new-user-page";

export const metadata: Metadata = { title: "Create user" };

export default async function CreateUserPage() {
  return <NewUserPage view={await requireTenantAdminPage({ on: "workspace" }, "user:create")} />;
}
