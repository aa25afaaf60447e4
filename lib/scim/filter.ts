import { parse, type Filter } from "scim2-parse-filter";
import { escapeLike } from "@/shared/like";
import { invalidFilter } from "@/lib/scim/errors";
import { textProblem } from "@/shared/unsafe-text";

// SCIM filters (RFC 7644 §3.4.2.2) → Prisma `where` objects. The parser builds a tree; each
// attribute the resource supports compiles its comparisons to a Prisma condition, so values only
// ever travel as query parameters, never as SQL text.

export type ComparisonOp = "eq" | "ne" | "co" | "sw" | "ew" | "pr";
export type FilterValue = string | number | boolean | null;

/** and/or/not for a `where` type, plus conditions that always and never hold. */
export interface Logic<W> {
  and(conditions: W[]): W;
  or(conditions: W[]): W;
  not(condition: W): W;
  all: W;
  none: W;
}

/** Turns one comparison on one attribute into a `where` condition. */
export type AttributeCompiler<W> = (op: ComparisonOp, value: FilterValue, logic: Logic<W>) => W;

export interface FilterTarget<W> {
  /** The core schema's URN, which a client may put in front of an attribute name. */
  schema: string;
  /** Supported attributes by lower-cased path (`username`, `name.givenname`, `emails.value`). */
  attributes: Record<string, AttributeCompiler<W>>;
  logic: Logic<W>;
}

/** Logic for a Prisma `where` input; `none` names a condition no row meets. */
export function prismaLogic<W extends { AND?: W | W[]; OR?: W[]; NOT?: W | W[] }>(none: W): Logic<W> {
  const where = (condition: { AND?: W[]; OR?: W[]; NOT?: W }): W => condition as W;
  return { and: (c) => where({ AND: c }), or: (c) => where({ OR: c }), not: (c) => where({ NOT: c }), all: where({ AND: [] }), none };
}

const MAX_FILTER_LENGTH = 1000;
const SUPPORTED_OPS = new Set<string>(["eq", "ne", "co", "sw", "ew", "pr"]);

/** A Prisma string filter, as text attributes hand it to their column. */
export interface TextCondition {
  equals?: string;
  startsWith?: string;
  endsWith?: string;
  contains?: string;
  mode?: "insensitive";
}

function textValue(attribute: string, value: FilterValue): string {
  if (typeof value !== "string") throw invalidFilter(`${attribute} is compared with a string.`);
  return value;
}

interface TextOptions<W> {
  /** The column holds lower-cased values (usernames): the value is lower-cased and compared exactly, so its index is used. */
  storedLowercase?: boolean;
  /** Compare case-sensitively (otherwise SCIM's default `caseExact: false`). */
  caseExact?: boolean;
  /** The condition for `pr` on a nullable column (a required one is always present). */
  present?: W;
}

/** A text attribute: `eq`/`ne`/`sw`/`ew`/`co`/`pr`. */
export function textAttribute<W>(name: string, column: (condition: TextCondition) => W, options: TextOptions<W> = {}): AttributeCompiler<W> {
  return (op, value, logic) => {
    if (op === "pr") return options.present ?? logic.all;
    let text = textValue(name, value);
    if (options.storedLowercase) text = text.toLowerCase();
    const mode = options.storedLowercase || options.caseExact ? {} : { mode: "insensitive" as const };
    switch (op) {
      case "eq":
        return column({ equals: text, ...mode });
      case "ne":
        return logic.not(column({ equals: text, ...mode }));
      // Prisma hands these to LIKE as they are: the value's own % and _ must not act as wildcards.
      case "sw":
        return column({ startsWith: escapeLike(text), ...mode });
      case "ew":
        return column({ endsWith: escapeLike(text), ...mode });
      case "co":
        return column({ contains: escapeLike(text), ...mode });
    }
  };
}

/** A boolean attribute (`active`): `eq`/`ne` with true or false (Entra sometimes sends "True"). */
export function booleanAttribute<W>(name: string, column: (value: boolean) => W): AttributeCompiler<W> {
  return (op, value, logic) => {
    if (op === "pr") return logic.all;
    const flag = typeof value === "string" ? ({ true: true, false: false } as Record<string, boolean>)[value.toLowerCase()] : value;
    if (typeof flag !== "boolean") throw invalidFilter(`${name} is compared with true or false.`);
    if (op === "eq") return column(flag);
    if (op === "ne") return column(!flag);
    throw invalidFilter(`${name} supports only eq, ne and pr.`);
  };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid attribute (`id`, `members.value`): `eq`/`ne` only; a value that is no uuid matches nothing. */
export function uuidAttribute<W>(name: string, column: (id: string) => W): AttributeCompiler<W> {
  return (op, value, logic) => {
    if (op === "pr") return logic.all;
    if (op !== "eq" && op !== "ne") throw invalidFilter(`${name} supports only eq, ne and pr.`);
    const id = textValue(name, value);
    const match = UUID_PATTERN.test(id) ? column(id.toLowerCase()) : logic.none;
    return op === "eq" ? match : logic.not(match);
  };
}

/** An attribute with one fixed value here (`emails.type` is always "work"). */
export function constantAttribute<W>(name: string, constant: string): AttributeCompiler<W> {
  return (op, value, logic) => {
    if (op === "pr") return logic.all;
    if (op !== "eq" && op !== "ne") throw invalidFilter(`${name} supports only eq, ne and pr.`);
    const equal = textValue(name, value).toLowerCase() === constant;
    return equal === (op === "eq") ? logic.all : logic.none;
  };
}

function attributeKey<W>(target: FilterTarget<W>, path: string): string {
  const prefix = `${target.schema.toLowerCase()}:`;
  const lower = path.toLowerCase();
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}

// The parser reads a quoted value's backslashes literally unless a quote follows (`"a\\b"` is
// `a\\b`, and a value ending in a backslash does not parse), but RFC 7644 makes a value a JSON
// string. So each quoted value is decoded here, as JSON, and the parser sees its index instead.
const QUOTED = /"(?:[^"\\]|\\.|\n)*"/g;

function decodeStrings(text: string): { text: string; strings: string[] } {
  const strings: string[] = [];
  const replaced = text.replace(QUOTED, (literal) => {
    let value: unknown;
    try {
      value = JSON.parse(literal);
    } catch {
      throw invalidFilter(`${literal} is not a JSON string.`);
    }
    // An escape may spell what PostgreSQL cannot store (`\u0000`, a lone surrogate): refused like the raw character.
    const problem = textProblem(value as string);
    if (problem) throw invalidFilter(`A filter value ${problem}.`);
    strings.push(value as string);
    return `"${strings.length - 1}"`;
  });
  return { text: replaced, strings };
}

function compile<W>(target: FilterTarget<W>, filter: Filter, prefix: string, strings: string[]): W {
  switch (filter.op) {
    case "and":
      return target.logic.and(filter.filters.map((f) => compile(target, f, prefix, strings)));
    case "or":
      return target.logic.or(filter.filters.map((f) => compile(target, f, prefix, strings)));
    case "not":
      return target.logic.not(compile(target, filter.filter, prefix, strings));
    case "[]":
      // emails[type eq "work" and value co "@x"]: the inner attributes are emails.type, emails.value.
      if (prefix) throw invalidFilter("Nested value filters are not supported.");
      return compile(target, filter.valFilter, `${attributeKey(target, filter.attrPath)}.`, strings);
    default: {
      const key = prefix + attributeKey(target, filter.attrPath);
      const attribute = target.attributes[key];
      if (!attribute) throw invalidFilter(`Filtering on “${filter.attrPath}” is not supported. Supported: ${Object.keys(target.attributes).join(", ")}.`);
      if (!SUPPORTED_OPS.has(filter.op)) throw invalidFilter(`The operator “${filter.op}” is not supported; use eq, ne, co, sw, ew or pr.`);
      if (filter.op === "pr") return attribute("pr", null, target.logic);
      // Every string the parser returns is the index of a quoted value (decodeStrings).
      const value = typeof filter.compValue === "string" ? strings[Number(filter.compValue)]! : filter.compValue;
      return attribute(filter.op as ComparisonOp, value, target.logic);
    }
  }
}

/** Parses a SCIM filter and compiles it for `target`; anything malformed or unsupported is `invalidFilter`. */
export function compileFilter<W>(target: FilterTarget<W>, text: string): W {
  if (text.length > MAX_FILTER_LENGTH) throw invalidFilter(`A filter has at most ${MAX_FILTER_LENGTH} characters.`);
  const decoded = decodeStrings(text);
  let tree: Filter;
  try {
    tree = parse(decoded.text);
  } catch (error) {
    throw invalidFilter(`The filter cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return compile(target, tree, "", decoded.strings);
}
