import { maskedSecret } from "@/lib/api-keys/secret";
import type { ApiKeyStatus, ApiKeyView } from "@/lib/api-keys/view";
import type { FormState } from "@/lib/forms/form-state";
import { Badge, type Tone } from "@/components/ui/badge";
import { DataTable, EmptyState } from "@/components/ui/data-table";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { ApiKeyCapabilities } from "@/components/api-keys/api-key-capabilities";
import { Time } from "@/components/ui/time";

// An active key is the normal case (plain text); only an expired or revoked one gets a chip.
const STATUS_TONES: Record<Exclude<ApiKeyStatus, "active">, Tone> = { expired: "amber", revoked: "red" };

const when = (date: Date | null, none = "—") => (date ? <Time value={date} /> : none);

/** The keys of a workspace or of the platform: prefix, scopes, dates, status, and revoke when allowed. */
export function ApiKeyTable({
  keys,
  descriptions,
  revokeAction,
}: {
  keys: readonly ApiKeyView[];
  /** What each scope allows, for the key's "what this key can do" summary. */
  descriptions: Readonly<Record<string, string>>;
  revokeAction: ((id: string) => (state: FormState) => Promise<FormState>) | null;
}) {
  if (keys.length === 0) return <EmptyState>No API keys yet.</EmptyState>;
  return (
    <DataTable columns={["Name", "Key", "Scopes", "Created", "Expires", "Last used", "Status", "Actions"]} caption="API keys">
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
            <ApiKeyCapabilities scopes={key.scopes} descriptions={descriptions} />
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">
            {when(key.createdAt)}
            <div className="text-xs">{key.createdBy}</div>
          </td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.expiresAt, "never")}</td>
          <td className="px-4 py-2 whitespace-nowrap text-slate-600">{when(key.lastUsedAt, "never")}</td>
          <td className="px-4 py-2">{key.status === "active" ? <span className="text-slate-600">active</span> : <Badge tone={STATUS_TONES[key.status]}>{key.status}</Badge>}</td>
          <td className="px-4 py-2">{revokeAction && key.status !== "revoked" ? <RevokeApiKeyButton name={key.name} action={revokeAction(key.id)} /> : null}</td>
        </tr>
      ))}
    </DataTable>
  );
}
