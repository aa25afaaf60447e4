import type { Session } from "next-auth";

/** "Signed in as" and a sign-out button that ends the identity-server session too. */
export function AccountMenu({ session }: { session: Session | null }) {
  if (!session) return null;
  return (
    <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
      <span className="min-w-0 max-w-24 truncate text-slate-600 sm:max-w-48" data-testid="signed-in-as">
        {session.user.name || session.user.username}
      </span>
      <form method="post" action="/api/logout" className="shrink-0">
        <button type="submit" className="rounded-md px-3 py-1.5 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Sign out
        </button>
      </form>
    </div>
  );
}
