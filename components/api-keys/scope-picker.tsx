"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ScopePreset } from "@/lib/permissions/presets";

export interface ScopeOption {
  scope: string;
  /** What a key with this scope can do. */
  description: string;
  /** False when the signed-in user does not hold it, and so cannot give it to a key. */
  grantable: boolean;
}

/** Scopes grouped by resource (`user:…`, `ou:…`), in the order given. */
function byResource(options: readonly ScopeOption[]): [string, ScopeOption[]][] {
  const groups = new Map<string, ScopeOption[]>();
  for (const option of options) {
    const resource = option.scope.split(":")[0] ?? option.scope;
    groups.set(resource, [...(groups.get(resource) ?? []), option]);
  }
  return [...groups];
}

const scopeId = (scope: string) => `scope-${scope.replace(/[^a-z0-9]/gi, "-")}`;

/**
 * The scope checkboxes (each with what it allows), presets that tick a usual set in one go (never a
 * scope the caller may not grant), and a live summary of what the key will be able to do.
 */
export function ScopePicker({
  options,
  presets,
  initial,
  aria,
}: {
  options: readonly ScopeOption[];
  presets: readonly ScopePreset[];
  initial: ReadonlySet<string>;
  aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string };
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(initial);
  const [notice, setNotice] = useState("");
  const grantable = new Set(options.filter((o) => o.grantable).map((o) => o.scope));

  const applyPreset = (preset: ScopePreset) => {
    const ticked = preset.scopes.filter((scope) => grantable.has(scope));
    const skipped = preset.scopes.length - ticked.length;
    setSelected(new Set(ticked));
    setNotice(
      `“${preset.label}” ticked ${ticked.length} scope${ticked.length === 1 ? "" : "s"}.` +
        (skipped > 0 ? ` ${skipped} more ${skipped === 1 ? "is" : "are"} beyond what you may grant and stayed unticked.` : ""),
    );
  };
  const toggle = (scope: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  const chosen = options.filter((o) => selected.has(o.scope));

  return (
    <div className="grid gap-4">
      {presets.length > 0 ? (
        <div className="grid gap-2" role="group" aria-labelledby="scope-presets-label">
          <p id="scope-presets-label" className="text-xs font-semibold uppercase text-slate-500">
            Presets
          </p>
          <ul className="grid gap-2 sm:grid-cols-2">
            {presets.map((preset) => (
              <li key={preset.id} className="flex items-start gap-2">
                <Button type="button" variant="secondary" className="shrink-0 px-3 py-1" aria-describedby={`preset-${preset.id}`} onClick={() => applyPreset(preset)}>
                  {preset.label}
                </Button>
                <span id={`preset-${preset.id}`} className="text-xs text-slate-600">
                  {preset.description}
                </span>
              </li>
            ))}
          </ul>
          <p role="status" className="text-xs text-slate-600" data-testid="scope-preset-notice">
            {notice}
          </p>
        </div>
      ) : null}
      {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props -- the checkbox group is the field FieldShell labels; its error state stays on it */}
      <div id={aria.id} role="group" aria-invalid={aria["aria-invalid"]} aria-describedby={aria["aria-describedby"]} tabIndex={-1} className="grid gap-4 sm:grid-cols-2">
        {byResource(options).map(([resource, group]) => (
          <fieldset key={resource} className="grid content-start gap-2">
            <legend className="mb-1 text-xs font-semibold uppercase text-slate-500">{resource}</legend>
            {group.map((option) => (
              <div key={option.scope} className={`flex items-start gap-2 text-sm ${option.grantable ? "" : "text-slate-400"}`}>
                <input
                  type="checkbox"
                  id={scopeId(option.scope)}
                  name="scopes"
                  value={option.scope}
                  checked={selected.has(option.scope)}
                  onChange={(event) => toggle(option.scope, event.target.checked)}
                  disabled={!option.grantable}
                  aria-describedby={`${scopeId(option.scope)}-description`}
                  className="mt-0.5"
                />
                <div className="grid">
                  <label htmlFor={scopeId(option.scope)} className="font-mono text-xs">
                    {option.scope}
                  </label>
                  <span id={`${scopeId(option.scope)}-description`} className={`text-xs ${option.grantable ? "text-slate-600" : ""}`}>
                    {option.description}
                    {option.grantable ? "" : " (not yours to grant)"}
                  </span>
                </div>
              </div>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="rounded-md bg-slate-50 p-3 text-sm" data-testid="scope-summary">
        <p className="font-medium">This key will be able to:</p>
        {chosen.length === 0 ? (
          <p className="text-slate-600">nothing yet — tick at least one scope.</p>
        ) : (
          <ul className="list-disc pl-5 text-slate-700">
            {chosen.map((o) => (
              <li key={o.scope}>{o.description}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
