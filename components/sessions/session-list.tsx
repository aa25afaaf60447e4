import { DataTable, EmptyState } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import type { AppSessionView } from "@/lib/sessions/service";
import { Time } from "@/components/ui/time";

const REASONS: Record<string, string> = {
  signed_out: "signed out",
  signed_out_everywhere: "signed out from another session",
  revoked_by_admin: "ended by an admin",
  user_disabled: "user disabled",
  password_changed: "password changed",
  role_changed: "role changed",
  user_renamed: "user renamed",
  user_deleted: "user deleted",
};

const when = (date: Date) => <Time value={date} />;

/** A browser name from the User-Agent, enough to tell one's sessions apart; the full string is in the title. */
function browserOf(userAgent: string | null): string {
  if (!userAgent) return "—";
  const match = /(Edg|Firefox|Chrome|Safari|curl)\/[\d.]+/.exec(userAgent);
  // Android and iOS agents name Linux and Mac OS X too: the more specific first.
  const os = ["Android", "iPhone", "Windows", "Mac OS X", "Linux"].find((name) => userAgent.includes(name));
  return [match?.[1] === "Edg" ? "Edge" : match?.[1], os].filter(Boolean).join(" on ") || userAgent.slice(0, 40);
}

/** A user's app sessions (open ones first by start time), marking the viewer's own. */
export function SessionList({ sessions, current }: { sessions: AppSessionView[]; current?: string }) {
  if (sessions.length === 0) return <EmptyState>No sessions in the last 30 days.</EmptyState>;
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: reading the clock here is the point
  const now = Date.now();
  return (
    <DataTable columns={["Started", "Last seen", "From", "Browser", "Status"]} caption="Sessions">
      {sessions.map((s) => {
        const open = !s.endedAt && s.expiresAt.getTime() > now;
        return (
          <tr key={s.id} data-testid="session-row" data-open={open ? "true" : "false"}>
            <td className="px-4 py-2 whitespace-nowrap">{when(s.createdAt)}</td>
            <td className="px-4 py-2 whitespace-nowrap">{when(s.lastSeenAt)}</td>
            <td className="px-4 py-2 font-mono text-xs">{s.ip ?? "—"}</td>
            <td className="px-4 py-2" title={s.userAgent ?? undefined}>
              {browserOf(s.userAgent)}
            </td>
            <td className="px-4 py-2">
              {s.id === current ? (
                <Badge tone="green">this session</Badge>
              ) : open ? (
                <Badge tone="green">active</Badge>
              ) : (
                <Badge tone="slate">{s.endedAt ? `ended: ${REASONS[s.endedReason ?? ""] ?? s.endedReason}` : "expired"}</Badge>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
