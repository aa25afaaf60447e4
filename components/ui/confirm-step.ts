"use client";

import { useState } from "react";

/**
 * The "ask once more" step of an inline confirmation. Focus follows it: the confirming button takes
 * `autoFocus` while `confirming`, and the button that asked takes it back (`returnFocus`) after a cancel.
 */
export function useConfirmStep() {
  const [phase, setPhase] = useState<"idle" | "confirming" | "cancelled">("idle");
  return {
    confirming: phase === "confirming",
    returnFocus: phase === "cancelled",
    ask: () => setPhase("confirming"),
    cancel: () => setPhase("cancelled"),
    /** Back to the first button without taking focus (the action was sent). */
    reset: () => setPhase("idle"),
  };
}
