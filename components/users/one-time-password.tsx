"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A generated password shown once, with a copy button. */
export function OneTimePassword({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4" role="status">
      <p className="text-sm text-amber-900">One-time password — shown only now. The user chooses their own at first sign-in.</p>
      <div className="mt-2 flex items-center gap-3">
        <code className="rounded bg-white px-3 py-2 font-mono ring-1 ring-amber-300" data-testid="one-time-password">{value}</code>
        <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
