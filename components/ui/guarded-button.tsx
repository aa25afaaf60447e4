import type { ButtonHTMLAttributes } from "react";
import { Button } from "@/components/ui/button";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger"; id: string };

/**
 * A button that cannot be pressed yet says why: `blockedBy` ("Type “acme” to confirm") disables it,
 * shows below it and is its accessible description.
 */
export function GuardedButton({ blockedBy, disabled, id, ...rest }: ButtonProps & { blockedBy: string | null }) {
  const whyId = `${id}-why`;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button id={id} disabled={disabled || blockedBy !== null} aria-describedby={blockedBy ? whyId : undefined} {...rest} />
      {blockedBy ? (
        <span id={whyId} className="text-xs text-slate-600" data-testid="blocked-reason">
          {blockedBy}
        </span>
      ) : null}
    </span>
  );
}
