import type { OpenApiDocument } from "@/lib/api/openapi";

// A readable model of the OpenAPI document for the reference page: operations with their
// parameters, body and responses, and the named schemas as field tables.

type Components = NonNullable<OpenApiDocument["components"]>;
type SchemaOrRef = NonNullable<Components["schemas"]>[string];
type PathItem = NonNullable<OpenApiDocument["paths"]>[string];
type ReferenceObject = Extract<SchemaOrRef, { $ref: string }>;
type SchemaObject = Exclude<SchemaOrRef, ReferenceObject>;

// A schema object may carry `$ref` too (3.1), so `"$ref" in x` does not narrow; this does.
const isReference = (schema: SchemaOrRef): schema is ReferenceObject => typeof schema.$ref === "string";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
export type HttpMethod = (typeof METHODS)[number];

export interface TypeView {
  /** e.g. `string`, `integer`, `array of User`, `"a" | "b"`, `string | null`. */
  label: string;
  /** The named schema this type is (or is an array of), for a link. */
  ref?: string;
  /** format, pattern, bounds, default. */
  constraints: string[];
  /** Fields of an inline object (named schemas are listed once, under their name). */
  fields?: FieldView[];
}

export interface FieldView {
  name: string;
  required: boolean;
  description?: string;
  type: TypeView;
}

export interface ParameterView extends FieldView {
  in: string;
}

export interface OperationView {
  method: HttpMethod;
  path: string;
  id?: string;
  summary: string;
  description?: string;
  tag: string;
  /** Names of the accepted security schemes; empty when no credentials are needed. */
  security: string[];
  parameters: ParameterView[];
  body?: TypeView;
  responses: { status: string; description: string; type?: TypeView }[];
}

export interface SchemaView {
  name: string;
  description?: string;
  type: TypeView;
}

export interface ApiReferenceView {
  title: string;
  version: string;
  description?: string;
  securitySchemes: { name: string; description?: string }[];
  tags: { name: string; description?: string; operations: OperationView[] }[];
  schemas: SchemaView[];
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1);

function constraintsOf(schema: SchemaObject): string[] {
  const c: string[] = [];
  if (schema.format) c.push(schema.format);
  if (schema.pattern) c.push(`pattern ${schema.pattern}`);
  if (schema.minLength !== undefined) c.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) c.push(`max length ${schema.maxLength}`);
  if (schema.minimum !== undefined) c.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined) c.push(`≤ ${schema.maximum}`);
  if (schema.minItems !== undefined) c.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) c.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) c.push(`default ${JSON.stringify(schema.default)}`);
  return c;
}

function fieldsOf(schema: SchemaObject): FieldView[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    required: required.has(name),
    description: isReference(property) ? undefined : property.description,
    type: typeView(property),
  }));
}

/** A schema as a type label, its constraints and (for an inline object) its fields. */
export function typeView(schema: SchemaOrRef | undefined): TypeView {
  if (!schema) return { label: "any", constraints: [] };
  if (isReference(schema)) return { label: refName(schema.$ref), ref: refName(schema.$ref), constraints: [] };
  const constraints = constraintsOf(schema);
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants) {
    const parts = variants.map((variant) => typeView(variant));
    const joiner = schema.allOf ? " & " : " | ";
    return { label: parts.map((p) => p.label).join(joiner), ref: parts.find((p) => p.ref)?.ref, constraints, fields: parts.flatMap((p) => p.fields ?? []) };
  }
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = types.includes("null");
  const base = types.filter((t) => t !== "null");
  let view: TypeView;
  if (schema.enum) {
    view = { label: schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | "), constraints };
  } else if (base.includes("array")) {
    const item = typeView(schema.items);
    view = { label: `array of ${item.label}`, ref: item.ref, constraints: [...constraints, ...item.constraints], fields: item.fields };
  } else if (base.includes("object") || schema.properties) {
    const extra = typeof schema.additionalProperties === "object" ? typeView(schema.additionalProperties) : null;
    view = schema.properties ? { label: "object", constraints, fields: fieldsOf(schema) } : { label: extra ? `map of string to ${extra.label}` : "object", constraints };
  } else {
    view = { label: base.join(" | ") || "any", constraints };
  }
  return nullable ? { ...view, label: `${view.label} | null` } : view;
}

function jsonSchemaOf(content: Record<string, { schema?: SchemaOrRef }> | undefined): TypeView | undefined {
  const schema = content?.["application/json"]?.schema;
  return schema ? typeView(schema) : undefined;
}

function operationsOf(path: string, item: PathItem): OperationView[] {
  return METHODS.flatMap((method) => {
    const op = item[method];
    if (!op) return [];
    const parameters = (op.parameters ?? []).flatMap((p) =>
      "$ref" in p ? [] : [{ name: p.name, in: p.in, required: p.required ?? false, description: p.description, type: typeView(p.schema) }],
    );
    const body = op.requestBody && !("$ref" in op.requestBody) ? jsonSchemaOf(op.requestBody.content) : undefined;
    const responses = Object.entries(op.responses ?? {}).map(([status, response]) => {
      const r = response as { description?: string; content?: Record<string, { schema?: SchemaOrRef }> };
      return { status, description: r.description ?? "", type: jsonSchemaOf(r.content) };
    });
    return [
      {
        method,
        path,
        id: op.operationId,
        summary: op.summary ?? `${method.toUpperCase()} ${path}`,
        description: op.description,
        tag: op.tags?.[0] ?? "Other",
        security: (op.security ?? []).flatMap((requirement) => Object.keys(requirement)),
        parameters,
        body,
        responses,
      },
    ];
  });
}

/** The document as the reference page shows it, grouped by tag in the document's tag order. */
export function apiReferenceView(document: OpenApiDocument): ApiReferenceView {
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) => operationsOf(path, item));
  const tagOrder = [...(document.tags ?? []).map((t) => t.name), ...operations.map((o) => o.tag)].filter((name, i, all) => all.indexOf(name) === i);
  const schemes = document.components?.securitySchemes ?? {};
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description,
    securitySchemes: Object.entries(schemes).map(([name, scheme]) => ({ name, description: "$ref" in scheme ? undefined : scheme.description })),
    tags: tagOrder
      .map((name) => ({ name, description: document.tags?.find((t) => t.name === name)?.description, operations: operations.filter((o) => o.tag === name) }))
      .filter((tag) => tag.operations.length > 0),
    schemas: Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({
      name,
      description: isReference(schema) ? undefined : schema.description,
      type: typeView(schema),
    })),
  };
}
