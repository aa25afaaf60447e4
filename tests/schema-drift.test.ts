// Fails when a Prisma schema and the database its SQL migrations produce disagree: tables,
// columns, types, nullability, enums. Prisma's migrate cannot run here, so the SQL is the truth.
import fs from "node:fs/promises";
import pg from "pg";
import { getDMMF } from "@prisma/internals";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, type SchemaKind } from "@/lib/db/migrate";
import { databaseUrl, quoteIdent } from "@/lib/db/urls";
import { clusterUrl } from "@/tests/support/cluster";

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp with time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const NATIVE_TYPES: Record<string, string> = { Uuid: "uuid", Timestamptz: "timestamp with time zone", VarChar: "character varying" };

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
}

async function expectedColumns(kind: SchemaKind): Promise<{ columns: Column[]; enums: Record<string, string[]> }> {
  const datamodel = await fs.readFile(`prisma/${kind}/schema.prisma`, "utf8");
  const dmmf = await getDMMF({ datamodel });
  const enumNames = new Set(dmmf.datamodel.enums.map((e) => e.name));
  const columns: Column[] = [];
  for (const model of dmmf.datamodel.models) {
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      const native = field.nativeType?.[0];
      let type = native ? NATIVE_TYPES[native] : enumNames.has(field.type) ? `enum:${field.type}` : SCALAR_TYPES[field.type];
      if (!type) throw new Error(`no mapping for ${model.name}.${field.name} (${field.type})`);
      if (field.isList) type = `${type}[]`;
      columns.push({ table: model.dbName ?? model.name, column: field.dbName ?? field.name, type, nullable: !field.isRequired });
    }
  }
  const enums = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
  return { columns, enums };
}

async function actualColumns(client: pg.Client): Promise<{ columns: Column[]; enums: Record<string, string[]> }> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name <> 'pgmigrations'`);
  const columns = rows.map((r) => {
    let type = r.data_type;
    if (type === "USER-DEFINED") type = `enum:${r.udt_name}`;
    if (type === "ARRAY") type = `${r.udt_name === "_text" ? "text" : r.udt_name}[]`;
    return { table: r.table_name, column: r.column_name, type, nullable: r.is_nullable === "YES" };
  });
  const enumRows = await client.query<{ name: string; value: string }>(`
    SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`);
  const enums: Record<string, string[]> = {};
  for (const r of enumRows.rows) (enums[r.name] ??= []).push(r.value);
  return { columns, enums };
}

const sort = (cols: Column[]) => [...cols].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
const created: string[] = [];

afterAll(async () => {
  const admin = new pg.Client({ connectionString: clusterUrl() });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  await admin.end();
});

describe.each(["control", "tenant"] as const)("the %s schema", (kind) => {
  it("matches the database its migrations produce", async () => {
    const name = `gh_drift_${kind}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: clusterUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    await admin.end();
    created.push(name);
    const url = databaseUrl(clusterUrl(), name);
    await migrate(kind, url);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const actual = await actualColumns(client);
      const expected = await expectedColumns(kind);
      expect(sort(actual.columns)).toEqual(sort(expected.columns));
      expect(actual.enums).toEqual(expected.enums);
    } finally {
      await client.end();
    }
  });
});
