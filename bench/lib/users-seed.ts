// Bulk seeding of one tenant's database for the users-scale benchmark: users, org units and
// memberships in plain SQL (one statement per table), and EXPLAIN summaries of the users list.
// No app imports: it takes the tenant database's URL.
import { listUsersStatement } from "@/lib/users/queries";
import { userListQuerySchema } from "@/lib/users/schema";
import { withClient } from "./cluster";
import { msSince } from "./stats";

const FIRST_NAMES = [
  "Aarav",
  "Aditi",
  "Aditya",
  "Akash",
  "Amit",
  "Ananya",
  "Anika",
  "Anil",
  "Anjali",
  "Arjun",
  "Asha",
  "Bhavna",
  "Chetan",
  "Deepa",
  "Deepak",
  "Divya",
  "Gaurav",
  "Geeta",
  "Harish",
  "Isha",
  "Jaya",
  "Karan",
  "Kavita",
  "Kiran",
  "Krishna",
  "Lakshmi",
  "Manish",
  "Meera",
  "Mohan",
  "Neha",
  "Nikhil",
  "Nisha",
  "Pooja",
  "Pradeep",
  "Priya",
  "Rahul",
  "Rajesh",
  "Ravi",
  "Rekha",
  "Rohan",
  "Sachin",
  "Sanjay",
  "Sapna",
  "Shreya",
  "Sneha",
  "Sonia",
  "Sunil",
  "Sunita",
  "Suresh",
  "Swati",
  "Tanvi",
  "Tarun",
  "Uma",
  "Varun",
  "Vidya",
  "Vijay",
  "Vikram",
  "Vinod",
  "Yash",
  "Zara",
];
const LAST_NAMES = [
  "Agarwal",
  "Bajaj",
  "Banerjee",
  "Bhat",
  "Bose",
  "Chatterjee",
  "Chauhan",
  "Chopra",
  "Das",
  "Desai",
  "Dubey",
  "Dutta",
  "Gandhi",
  "Ghosh",
  "Gill",
  "Gupta",
  "Hegde",
  "Iyer",
  "Jain",
  "Joshi",
  "Kapoor",
  "Kaur",
  "Khan",
  "Kulkarni",
  "Kumar",
  "Lal",
  "Malhotra",
  "Mathur",
  "Mehta",
  "Menon",
  "Mishra",
  "Mukherjee",
  "Naidu",
  "Naik",
  "Nair",
  "Pandey",
  "Patel",
  "Pathak",
  "Patil",
  "Pillai",
  "Prasad",
  "Rao",
  "Rathore",
  "Reddy",
  "Saxena",
  "Sen",
  "Sethi",
  "Shah",
  "Sharma",
  "Shetty",
  "Shukla",
  "Singh",
  "Sinha",
  "Srinivasan",
  "Subramanian",
  "Tiwari",
  "Trivedi",
  "Varma",
  "Verma",
  "Yadav",
];
const DOMAINS = ["example.com", "example.org", "example.in"];

/** Every 50th seeded user is disabled, every 100th (n % 100 = 7) has a failed sync; the rest are enabled and synced. */
export const SEEDED_DISABLED_EVERY = 50;
export const SEEDED_FAILED_EVERY = 100;

export interface UserSeedOptions {
  users: number;
  orgUnits: number;
  /** Users 1…n get one membership (OU n mod orgUnits), users 1…n/5 a second one. */
  usersWithMembership: number;
}

export interface UserSeedReport {
  /** [what, milliseconds] per statement, in order. */
  steps: Array<[string, number]>;
  totalMs: number;
  counts: { users: number; orgUnits: number; memberships: number };
  tableSize: string;
  indexSizes: Array<[string, string]>;
}

/**
 * Seeds `users` users `user-1…user-N` (first and last names from fixed lists, email
 * `first.last.n@domain`), `orgUnits` org units `ou-0001…` and memberships, then VACUUM ANALYZE
 * (what autovacuum would do after such a load). Usernames pass the users_username_format check.
 */
export async function seedTenantUsers(tenantUrl: string, options: UserSeedOptions): Promise<UserSeedReport> {
  const steps: Array<[string, number]> = [];
  const totalStart = process.hrtime.bigint();
  return withClient(tenantUrl, async (client) => {
    const run = async (what: string, sql: string, params: unknown[] = []) => {
      const start = process.hrtime.bigint();
      const result = await client.query(sql, params);
      steps.push([result.rowCount !== null && result.command !== "VACUUM" ? `${what} (${result.rowCount} rows)` : what, msSince(start)]);
      return result;
    };
    await client.query("BEGIN");
    await run(
      "users",
      `INSERT INTO users (username, email, first_name, last_name, enabled, provisioning_state, sync_error, created_at, updated_at)
       SELECT 'user-' || n,
              lower(f.name || '.' || l.name || '.' || n || '@' || ($4::text[])[1 + n % cardinality($4::text[])]),
              f.name, l.name,
              n % $5 <> 0,
              CASE WHEN n % $6 = 7 THEN 'failed' ELSE 'synced' END,
              CASE WHEN n % $6 = 7 THEN 'seeded: identity server unreachable' END,
              now() - make_interval(secs => $1::int - n), now() - make_interval(secs => $1::int - n)
       FROM generate_series(1, $1::int) AS n
       CROSS JOIN LATERAL (SELECT ($2::text[])[1 + n % cardinality($2::text[])] AS name) AS f
       CROSS JOIN LATERAL (SELECT ($3::text[])[1 + (n / cardinality($2::text[])) % cardinality($3::text[])] AS name) AS l`,
      [options.users, FIRST_NAMES, LAST_NAMES, DOMAINS, SEEDED_DISABLED_EVERY, SEEDED_FAILED_EVERY],
    );
    await run(
      "org_units",
      `INSERT INTO org_units (identifier, name, description, metadata)
       SELECT 'ou-' || lpad(n::text, 4, '0'), 'Org unit ' || lpad(n::text, 4, '0'), 'Seeded by the users-scale benchmark',
              jsonb_build_object('region', (ARRAY['north', 'south', 'east', 'west'])[1 + n % 4], 'cost_centre', 'cc-' || n)
       FROM generate_series(1, $1::int) AS n`,
      [options.orgUnits],
    );
    await run(
      "memberships",
      `WITH ou AS (SELECT id, row_number() OVER (ORDER BY identifier) - 1 AS i FROM org_units),
            pairs AS (
              SELECT n, n % $2 AS i FROM generate_series(1, $1::int) AS n
              UNION ALL
              SELECT n, (n + $2 / 2) % $2 FROM generate_series(1, $1::int / 5) AS n
            )
       INSERT INTO memberships (username, org_unit_id, role)
       SELECT 'user-' || p.n, ou.id,
              (CASE WHEN p.n % 20 = 0 THEN 'admin' WHEN p.n % 20 = 1 THEN 'auditor' ELSE 'default' END)::"MembershipRole"
       FROM pairs p JOIN ou ON ou.i = p.i
       ON CONFLICT DO NOTHING`,
      [options.usersWithMembership, options.orgUnits],
    );
    await client.query("COMMIT");
    await run("VACUUM (ANALYZE) users, org_units, memberships", "VACUUM (ANALYZE) users, org_units, memberships");
    const { rows } = await client.query<{ users: number; org_units: number; memberships: number; table_size: string }>(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM org_units) AS org_units,
              (SELECT count(*)::int FROM memberships) AS memberships, pg_size_pretty(pg_table_size('users')) AS table_size`,
    );
    const { rows: idx } = await client.query<{ name: string; size: string }>(
      `SELECT indexrelname AS name, pg_size_pretty(pg_relation_size(indexrelid)) AS size
       FROM pg_stat_user_indexes WHERE relname = 'users' ORDER BY indexrelname`,
    );
    const r = rows[0];
    return {
      steps,
      totalMs: msSince(totalStart),
      counts: { users: r?.users ?? 0, orgUnits: r?.org_units ?? 0, memberships: r?.memberships ?? 0 },
      tableSize: r?.table_size ?? "?",
      indexSizes: idx.map((i) => [i.name, i.size]),
    };
  });
}

/** The username at 0-based position `offset` in username order (for a deep keyset cursor). */
export async function usernameAt(tenantUrl: string, offset: number): Promise<string | null> {
  return withClient(tenantUrl, async (client) => {
    const { rows } = await client.query<{ username: string }>("SELECT username FROM users ORDER BY username OFFSET $1 LIMIT 1", [offset]);
    return rows[0]?.username ?? null;
  });
}

/** The database's default collation (`C` makes the plain username index serve prefix ranges too). */
export async function databaseCollation(tenantUrl: string): Promise<string> {
  return withClient(tenantUrl, async (client) => {
    const { rows } = await client.query<{ c: string }>("SELECT datcollate AS c FROM pg_database WHERE datname = current_database()");
    return rows[0]?.c ?? "?";
  });
}

export interface ListQueryShape {
  q?: string;
  enabled?: "true" | "false";
  state?: string;
  after?: string;
  limit: number;
}

/** The statement listUsers() sends for a query, straight from lib/users/queries.ts, for EXPLAIN. */
export function listUsersSql(query: ListQueryShape): { text: string; values: unknown[] } {
  const statement = listUsersStatement(userListQuerySchema.parse(query));
  return { text: statement.text, values: statement.values };
}

export interface ExplainSummary {
  /** The plan as EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) prints it, without the timing footer. */
  planLines: string[];
  /** Index names the plan reads. */
  indexes: string[];
  planningMs: number;
  executionMs: number;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the list statement, run as a parameterised query like Prisma's. */
export async function explainListUsers(tenantUrl: string, query: ListQueryShape): Promise<ExplainSummary> {
  const { text, values } = listUsersSql(query);
  return withClient(tenantUrl, async (client) => {
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${text}`, values);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    const number = (re: RegExp) => Number(lines.map((l) => re.exec(l)?.[1]).find((v) => v !== undefined) ?? Number.NaN);
    const indexes = [...new Set(lines.flatMap((l) => [...l.matchAll(/(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g)].map((m) => m[1] ?? "")))].filter(
      Boolean,
    );
    // The plan without the planning buffers and the timing footer (reported as numbers).
    const planLines: string[] = [];
    let inPlanning = false;
    for (const line of lines) {
      const t = line.trim();
      if (t === "Planning:") {
        inPlanning = true;
        continue;
      }
      if (inPlanning && t.startsWith("Buffers:")) continue;
      inPlanning = false;
      if (t.startsWith("Planning Time") || t.startsWith("Execution Time")) continue;
      planLines.push(line);
    }
    return {
      planLines,
      indexes,
      planningMs: number(/Planning Time: ([\d.]+) ms/),
      executionMs: number(/Execution Time: ([\d.]+) ms/),
    };
  });
}
