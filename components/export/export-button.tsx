"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type Progress =
  | { phase: "idle" }
  | { phase: "preparing" }
  | { phase: "downloading"; received: number; total: number | null }
  | { phase: "done"; fileName: string }
  | { phase: "failed"; message: string };

function fileNameOf(disposition: string | null): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? "export.zip";
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KiB`;

/**
 * Downloads a tenant export and shows how far it got: "preparing" while the server reads the
 * tenant's data into the zip, then the bytes received against Content-Length.
 */
export function ExportButton({ href, label = "Export data" }: { href: string; label?: string }) {
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });
  const busy = progress.phase === "preparing" || progress.phase === "downloading";

  async function run() {
    setProgress({ phase: "preparing" });
    try {
      const response = await fetch(href, { cache: "no-store" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setProgress({ phase: "failed", message: body?.message ?? `The export failed (HTTP ${response.status}).` });
        return;
      }
      const total = Number(response.headers.get("content-length")) || null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        setProgress({ phase: "downloading", received, total });
      }
      const fileName = fileNameOf(response.headers.get("content-disposition"));
      const url = URL.createObjectURL(new Blob(chunks, { type: "application/zip" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress({ phase: "done", fileName });
    } catch {
      setProgress({ phase: "failed", message: "The export was interrupted. Check your connection and try again." });
    }
  }

  return (
    <div className="grid gap-2" data-testid="export">
      <div>
        <Button type="button" variant="secondary" onClick={run} disabled={busy}>
          {busy ? "Exporting…" : label}
        </Button>
      </div>
      {progress.phase === "preparing" ? (
        <div className="grid gap-1" role="status">
          <span className="text-sm text-slate-600">Preparing the export…</span>
          <progress className="h-2 w-full max-w-sm" aria-label="Export progress" />
        </div>
      ) : null}
      {progress.phase === "downloading" ? (
        <div className="grid gap-1" role="status">
          <span className="text-sm text-slate-600">
            Downloading {kib(progress.received)}
            {progress.total ? ` of ${kib(progress.total)}` : ""}
          </span>
          <progress className="h-2 w-full max-w-sm" aria-label="Export progress" value={progress.received} max={progress.total ?? undefined} />
        </div>
      ) : null}
      {progress.phase === "done" ? (
        <p role="status" className="text-sm text-emerald-700">
          Downloaded {progress.fileName}.
        </p>
      ) : null}
      {progress.phase === "failed" ? (
        <p role="alert" className="text-sm text-red-700">
          {progress.message}
        </p>
      ) : null}
    </div>
  );
}
