import type { Metadata } from "next";
import { SignInRedirect } from "@/components/auth/sign-in-redirect";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { requireWorkspace } from "@/lib/access/request";

export const metadata: Metadata = { title: "Sign in" };

export default async function WorkspaceSignIn({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await requireWorkspace();
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : undefined;
  return <SignInRedirect callbackUrl={safeCallbackUrl(params.callbackUrl)} error={error} workspace={tenant.displayName} />;
}
