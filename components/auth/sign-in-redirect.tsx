"use client";

import { signIn } from "next-auth/react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

const messages: Record<string, string> = {
  OAuthCallback: "Sign-in did not complete. Try again.",
  Callback: "Sign-in did not complete. Try again.",
  AccessDenied: "Access was denied.",
  Configuration: "Sign-in is not configured for this workspace. Contact your administrator.",
};

/** Sends the browser to the tenant's identity server; after an error, waits for a click instead of looping. */
export function SignInRedirect({ callbackUrl, error, workspace }: { callbackUrl: string; error?: string; workspace: string }) {
  const started = useRef(false);
  const go = () => void signIn("keycloak", { callbackUrl });
  useEffect(() => {
    if (error || started.current) return;
    started.current = true;
    go();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [error]);
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Sign in to {workspace}</h1>
      {error ? (
        <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-800">
          {messages[error] ?? "Sign-in failed. Try again."}
        </p>
      ) : (
        <p className="mt-3 text-slate-600" role="status">
          Taking you to the sign-in page…
        </p>
      )}
      <Button className="mt-6" onClick={go}>
        Continue to sign in
      </Button>
    </main>
  );
}
