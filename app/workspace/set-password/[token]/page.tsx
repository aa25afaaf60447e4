import { Time } from "@/components/ui/time";
import type { Metadata } from "next";
import Link from "next/link";
import { requireWorkspace } from "@/lib/access/request";
import { inspectSetPasswordLink, LINK_REFUSALS } from "@/lib/set-password-links/service";
import { choosePasswordAction } from "@/lib/edge/actions/set-password-links";
import { ChoosePasswordForm } from "@/components/set-password/choose-password-form";

// The token is in the path: keep it out of the Referer of anything this page links to.
export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

/** Public: whoever holds a valid link of this workspace chooses that user's password, once. */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const tenant = await requireWorkspace();
  const { token } = await params;
  const link = await inspectSetPasswordLink(tenant, token);
  return (
    <div className="grid max-w-lg gap-4">
      <h1 className="text-2xl font-semibold">Choose your password</h1>
      {link.state === "valid" ? (
        <>
          <p className="text-sm text-slate-600">
            For <span className="font-medium">{link.username}</span> in {tenant.displayName}. This link works once, until <Time value={link.expiresAt} />.
          </p>
          <ChoosePasswordForm username={link.username} action={choosePasswordAction.bind(null, token)} />
        </>
      ) : (
        <div role="alert" data-testid="link-problem" className="grid gap-3 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-900">
          <p>{LINK_REFUSALS[link.state]}</p>
          <Link href="/" className="text-brand-700 underline">
            Go to sign-in
          </Link>
        </div>
      )}
    </div>
  );
}
