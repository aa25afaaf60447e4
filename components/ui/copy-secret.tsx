import { CopyButton } from "@/components/ui/copy-button";

/** A secret shown once (an API key, a generated password) with a copy button and a warning. */
export function CopySecret({ value, notice, testId }: { value: string; notice: string; testId?: string }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4" role="status">
      <p className="text-sm text-amber-900">{notice}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <code className="break-all rounded bg-white px-3 py-2 font-mono text-sm ring-1 ring-amber-300" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} what="the secret" withText />
      </div>
    </div>
  );
}
