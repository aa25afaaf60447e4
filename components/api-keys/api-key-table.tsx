import { maskedSecret } from "@/lib/api-keys/secret";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/api-keys/view";
import type { FormState } from "@/lib/forms/form-state";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/data-table";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";

const STATUS_TONES: Record<ApiKeyStatus, Tone> = { active: "green", expired: "amber", revoked: "red" };

const when = (date: Date | null, none = "—") => (date ? `${date.toISOString().slice(0, 16).replace("T", " ")} UTC` : none);

/** The keys of a workspace or of the platform: prefix, scopes, dates, status, and revoke when allowed. */
export function ApiKeyTable({ keys, revokeAction }: { keys: readonly ApiKeyView[]; revokeAction: ((id: string) => (state: FormState) => Promise<FormState>) | null }) {
  if (keys.length === 0) return <EmptyState>No API keys yet.</EmptyState>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0} role="region" aria-label="API keys">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {["Name", "Key", "Scopes", "Created", "Expires", "Last used", "Status", ""].map((c, i) => (
              <th key={i} scope="col" className="px-4 py-2 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} className="align-top" data-testid="api-key-row">
              <td className="px-4 py-2 font-medium">{key.name}</td>
              <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{maskedSecret(key.prefix)}</td>
              <td className="px-4 py-2">
                <div className="flex max-w-xs flex-wrap gap-1">
                  {key.scopes.map((scope) => (
                    <code key={scope} className="rounded bg-slate-100 px-1 font-mono text-xs">
                      {scope}
                    </code>
                  ))}
                </div>
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                {when(key.createdAt)}
                <div className="text-xs">{key.createdBy}</div>
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.expiresAt, "never")}</td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.lastUsedAt, "never")}</td>
              <td className="px-4 py-2">
                <Badge tone={STATUS_TONES[key.status]}>{key.status}</Badge>
              </td>
              <td className="px-4 py-2">{revokeAction && key.status !== "revoked" ? <RevokeApiKeyButton name={key.name} action={revokeAction(key.id)} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
