import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/guards";
import { CreateUserForm } from "@/components/users/create-user-form";
import { createUserAction } from "../actions";

export const metadata: Metadata = { title: "Create user" };

export default async function NewUserPage() {
  await requirePermission("user:create");
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Create user</h1>
      <p className="text-sm text-slate-600">Emailed set-password links are not built yet: give the user a one-time password instead.</p>
      <CreateUserForm action={createUserAction} />
    </div>
  );
}
