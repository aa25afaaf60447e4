import Link from "next/link";
import type { CSSProperties } from "react";
import { textColorOn } from "@/shared/contrast";

export interface BrandLook {
  name: string;
  tagline: string | null;
  color: string;
  /** Where the logo image comes from (the asset route, or a chosen file's object URL in the preview). */
  logoSrc: string | null;
}

/** The brand colour and its text colour as CSS variables (`--brand`, `--on-brand`). */
export function brandStyle(color: string): CSSProperties {
  return { "--brand": color, "--on-brand": textColorOn(color) } as CSSProperties;
}

/**
 * The workspace's branded band: logo, organization name and tagline on the brand colour. The
 * workspace layout renders it, and the settings preview renders the same with unsaved values.
 */
export function BrandBand({ look, linkHome = false, testId }: { look: BrandLook; linkHome?: boolean; testId?: string }) {
  return (
    <div style={brandStyle(look.color)} className="bg-[var(--brand)] text-[color:var(--on-brand)]" data-testid={testId}>
      <div className="mx-auto flex max-w-5xl min-w-0 items-center gap-3 px-4 py-3 sm:px-6">
        {look.logoSrc ? <img src={look.logoSrc} alt={`${look.name} logo`} className="h-8 w-auto max-w-40 rounded-sm bg-white/90 object-contain p-0.5" /> : null}
        {linkHome ? (
          <Link href="/" className="min-w-0 truncate text-lg font-semibold tracking-tight hover:underline">
            {look.name}
          </Link>
        ) : (
          <span className="text-lg font-semibold tracking-tight">{look.name}</span>
        )}
        {look.tagline ? <span className="truncate text-sm opacity-90">{look.tagline}</span> : null}
      </div>
    </div>
  );
}

/** The realm's login card as the identity server draws it (idp/login/render.ts), for the preview. */
export function LoginCardPreview({ look }: { look: BrandLook }) {
  return (
    <div style={brandStyle(look.color)} className="rounded-lg border-t-[6px] border-[var(--brand)] bg-white p-6 shadow" aria-label="Login page preview" role="img">
      {look.logoSrc ? <img src={look.logoSrc} alt="" className="mb-3 max-h-12 max-w-full" /> : null}
      <p className="text-xl font-bold">{look.name}</p>
      {look.tagline ? <p className="mb-2 text-sm text-slate-600">{look.tagline}</p> : null}
      <p className="mb-3 text-sm text-slate-700">Sign in to your account</p>
      <div className="mb-2 h-8 rounded border border-slate-400" />
      <div className="mb-3 h-8 rounded border border-slate-400" />
      <div className="rounded border border-slate-900 bg-[var(--brand)] py-2 text-center text-sm font-semibold text-[color:var(--on-brand)]">Sign in</div>
    </div>
  );
}
