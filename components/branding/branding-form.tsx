"use client";

import { useActionState, useEffect, useMemo, useRef, useState, type ChangeEvent, type RefObject } from "react";
import { FieldShell, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormMessage, useFormFeedback } from "@/components/ui/form-feedback";
import { BrandBand, LoginCardPreview, type BrandLook } from "@/components/branding/brand-band";
import { initialFormState, type FormState } from "@/lib/forms/form-state";
import { contrastReport, normalizeHex } from "@/shared/contrast";
import { MAX_ORGANIZATION_NAME, MAX_TAGLINE } from "@/lib/branding/schema";
import type { AssetKind, AssetRule } from "@/lib/branding/upload";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface BrandingFormInitial {
  organizationName: string;
  tagline: string;
  primaryColor: string;
  logoSrc: string | null;
  faviconSrc: string | null;
}

const inputClass = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500 aria-invalid:ring-1 aria-invalid:ring-red-500";
// The browser's own file picker (keyboard-usable, it names the chosen file), its button styled as ours.
const fileInputClass =
  "max-w-full rounded-md text-sm text-slate-700 file:mr-3 file:cursor-pointer file:rounded-md file:border-0 file:bg-white file:px-4 file:py-2 file:text-sm file:font-semibold file:text-slate-800 file:shadow-sm file:ring-1 file:ring-inset file:ring-slate-300 hover:file:bg-slate-50 aria-invalid:file:ring-red-500";
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

/** A chosen file's object URL for the preview, released when the file changes or the form goes. */
function useObjectUrl(file: File | null): string | null {
  const url = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

function FileField({
  kind,
  rule,
  current,
  error,
  onFile,
}: {
  kind: AssetKind;
  rule: AssetRule;
  current: string | null;
  error?: string;
  onFile: (file: File | null, tooLarge: boolean) => void;
}) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0] ?? null;
    onFile(file, Boolean(file && file.size > rule.maxBytes));
  };
  return (
    <FieldShell
      name={kind}
      label={rule.label}
      error={error}
      hint={`${rule.typeNames}, at most ${kib(rule.maxBytes)}.${current ? " Choose a file to replace the current one." : ""}`}
    >
      {(aria) => (
        <div className="flex flex-wrap items-center gap-3">
          {current ? <img src={current} alt={`Current ${rule.label.toLowerCase()}`} className="h-10 w-auto max-w-32 rounded border border-slate-200 bg-white p-1" /> : null}
          <input type="file" name={kind} accept={rule.accept} onChange={onChange} className={fileInputClass} {...aria} />
          {current ? (
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" name={kind === "logo" ? "removeLogo" : "removeFavicon"} /> Remove
            </label>
          ) : null}
        </div>
      )}
    </FieldShell>
  );
}

/**
 * The branding settings with a live preview of the workspace header and the login card, drawn
 * from the unsaved values and the chosen logo. The server checks everything again (file types by
 * their bytes, SVG sanitised) and shows its messages next to the fields.
 */
export function BrandingForm({ action, initial, rules }: { action: Action; initial: BrandingFormInitial; rules: Record<AssetKind, AssetRule> }) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFormFeedback(state, formRef);
  const submitted = state.attempt ? state.values : null;
  return (
    <BrandingFields
      key={state.attempt ?? 0}
      formRef={formRef}
      formAction={formAction}
      pending={pending}
      state={state}
      initial={{
        ...initial,
        ...(submitted
          ? { organizationName: submitted.organizationName ?? "", tagline: submitted.tagline ?? "", primaryColor: submitted.primaryColor ?? initial.primaryColor }
          : {}),
      }}
      savedColor={initial.primaryColor}
      rules={rules}
    />
  );
}

/** `savedColor`: the stored colour, which the preview keeps while the field holds something that is not one (a refused "teal"). */
function BrandingFields({
  formRef,
  formAction,
  pending,
  state,
  initial,
  savedColor,
  rules,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  formAction: (formData: FormData) => void;
  pending: boolean;
  state: FormState;
  initial: BrandingFormInitial;
  savedColor: string;
  rules: Record<AssetKind, AssetRule>;
}) {
  const [name, setName] = useState(initial.organizationName);
  const [tagline, setTagline] = useState(initial.tagline);
  const [color, setColor] = useState(initial.primaryColor);
  const [logoFile, setLogoFile] = useState<File | null>(null);
  const [clientErrors, setClientErrors] = useState<Partial<Record<AssetKind, string>>>({});
  const logoUrl = useObjectUrl(logoFile);
  const hex = normalizeHex(color);
  const report = hex ? contrastReport(hex) : null;
  const errors: Record<string, string | undefined> = { ...state.fieldErrors, ...clientErrors };

  const onFile = (kind: AssetKind) => (file: File | null, tooLarge: boolean) => {
    setClientErrors((e) => ({
      ...e,
      [kind]: tooLarge ? `The file is ${kib(file?.size ?? 0)}; the ${rules[kind].label.toLowerCase()} may be at most ${kib(rules[kind].maxBytes)}.` : undefined,
    }));
    if (kind === "logo") setLogoFile(tooLarge ? null : file);
  };

  const look: BrandLook = { name: name.trim() || "Organization name", tagline: tagline.trim() || null, color: hex ?? savedColor, logoSrc: logoUrl ?? initial.logoSrc };

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <form
        ref={formRef}
        action={formAction}
        noValidate
        className="grid content-start gap-4 rounded-lg border border-slate-200 bg-white p-5"
        onSubmit={(event) => {
          if (Object.values(clientErrors).some(Boolean)) {
            event.preventDefault();
            formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
          }
        }}
      >
        <FormMessage state={state} hideWhenFieldErrors />
        <TextField
          name="organizationName"
          label="Organization name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.organizationName}
          maxLength={MAX_ORGANIZATION_NAME}
          autoComplete="organization"
        />
        <TextField
          name="tagline"
          label="Tagline"
          value={tagline}
          onChange={(e) => setTagline(e.target.value)}
          error={errors.tagline}
          maxLength={MAX_TAGLINE}
          hint="A short line under the name, on the workspace and its login page."
          autoComplete="off"
        />
        <FieldShell name="primaryColor" label="Primary colour" required error={errors.primaryColor} hint="Hex, e.g. #2563eb. Text on it is black or white, whichever reads better.">
          {(aria) => (
            <div className="flex items-center gap-3">
              <input
                type="color"
                aria-label="Pick the primary colour"
                value={hex ?? "#000000"}
                onChange={(e) => setColor(e.target.value)}
                className="h-9 w-12 cursor-pointer rounded border border-slate-300 bg-white"
              />
              <input
                name="primaryColor"
                value={color}
                onChange={(e) => setColor(e.target.value)}
                className={`${inputClass} max-w-36 font-mono`}
                spellCheck={false}
                autoComplete="off"
                {...aria}
              />
            </div>
          )}
        </FieldShell>
        {report && report.warnings.length > 0 ? (
          <div role="status" data-testid="contrast-warning" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
            {report.warnings.map((w) => (
              <p key={w}>{w}</p>
            ))}
            <p>You can still save it.</p>
          </div>
        ) : null}
        <FileField kind="logo" rule={rules.logo} current={initial.logoSrc} error={errors.logo} onFile={onFile("logo")} />
        <FileField kind="favicon" rule={rules.favicon} current={initial.faviconSrc} error={errors.favicon} onFile={onFile("favicon")} />
        <div className="flex justify-end">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save branding"}
          </Button>
        </div>
      </form>
      <section aria-labelledby="preview-heading" className="grid content-start gap-3" data-testid="branding-preview">
        <h2 id="preview-heading" className="text-sm font-semibold text-slate-700">
          Preview <span className="font-normal text-slate-500">— follows the form as you type; nothing changes until you save</span>
        </h2>
        <div className="overflow-hidden rounded-lg border border-slate-200">
          <BrandBand look={look} testId="preview-band" />
          <div className="bg-slate-50 p-3 text-xs text-slate-500">Workspace pages</div>
        </div>
        <div className="bg-slate-100 p-4">
          <LoginCardPreview look={look} />
        </div>
      </section>
    </div>
  );
}
