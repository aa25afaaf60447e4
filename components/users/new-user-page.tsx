import Link from "next/link";
import type { TenantAdminView } from "@/lib/edge/tenant-admin";
import { CreateUserForm } from "@/components/users/create-user-form";
import { createUserAction } from "@/lib/edge/actions/users";

/** The create-user form of a tenant. The caller has checked `user:create`. */
export function NewUserPage({ view }: { view: TenantAdminView }) {
  const { admin } = view;
  return (
    <div className="grid gap-4">
      <div>
        <p className="text-sm text-slate-500">
          <Link href={`${admin.base}/users`} className="hover:underline">
            Users
          </Link>{" "}
          /
        </p>
        <h1 className="text-2xl font-semibold">Create user</h1>
      </div>
      <p className="text-sm text-slate-600">Gatehouse sends no email: a one-time password or a set-password link is shown to you once, to pass on to the user.</p>
      <CreateUserForm action={createUserAction.bind(null, admin.target)} usersPath={`${admin.base}/users`} />
    </div>
  );
}
