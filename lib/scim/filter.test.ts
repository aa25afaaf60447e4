import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { booleanAttribute, compileFilter, textAttribute, type FilterTarget, type Logic, type TextCondition } from "@/lib/scim/filter";
import { ScimError } from "@/lib/scim/errors";

// Properties of SCIM filters (RFC 7644 §3.4.2.2): text a client writes from any expression tree —
// values as JSON strings, any nesting of and/or/not — selects exactly the records the tree does.
// The compiled filter is evaluated in memory here; the Prisma conditions it hands a column are
// the same objects the routes hand their queries.

interface Row {
  name: string;
  title: string | null;
  active: boolean;
}
type Predicate = (row: Row) => boolean;

const logic: Logic<Predicate> = {
  and: (conditions) => (row) => conditions.every((c) => c(row)),
  or: (conditions) => (row) => conditions.some((c) => c(row)),
  not: (condition) => (row) => !condition(row),
  all: () => true,
  none: () => false,
};

/** What PostgreSQL does with a Prisma text condition (LIKE-escaped values for startsWith/endsWith/contains). */
function matches(value: string | null, condition: TextCondition): boolean {
  if (value === null) return false;
  const fold = (text: string) => (condition.mode === "insensitive" ? text.toLowerCase() : text);
  const literal = (pattern: string) => fold(pattern.replace(/\\(.)/gsu, "$1"));
  const text = fold(value);
  if (condition.equals !== undefined) return text === fold(condition.equals);
  if (condition.startsWith !== undefined) return text.startsWith(literal(condition.startsWith));
  if (condition.endsWith !== undefined) return text.endsWith(literal(condition.endsWith));
  if (condition.contains !== undefined) return text.includes(literal(condition.contains));
  throw new Error(`unexpected condition ${JSON.stringify(condition)}`);
}

const target: FilterTarget<Predicate> = {
  schema: "urn:test:Row",
  attributes: {
    name: textAttribute("name", (c) => (row) => matches(row.name, c)),
    title: textAttribute("title", (c) => (row) => matches(row.title, c), { present: (row) => row.title !== null, caseExact: true }),
    active: booleanAttribute("active", (flag) => (row) => row.active === flag),
  },
  logic,
};

type TextOp = "eq" | "ne" | "co" | "sw" | "ew";
type Tree =
  | { op: TextOp; attribute: "name" | "title"; value: string }
  | { op: "pr"; attribute: "title" }
  | { op: "eq" | "ne"; attribute: "active"; value: boolean }
  | { op: "and" | "or"; left: Tree; right: Tree }
  | { op: "not"; inner: Tree };

/** Strings rich in what a filter's syntax and JSON escapes care about. */
const value = fc.string({
  unit: fc.oneof(fc.constantFrom('"', "\\", "/", " ", "(", ")", "[", "]", "and", "or", "eq", "\n", "\t", "%", "_", "a", "A", "é"), fc.char()),
  maxLength: 8,
});

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ op: fc.constantFrom<TextOp>("eq", "ne", "co", "sw", "ew"), attribute: fc.constantFrom<"name" | "title">("name", "title"), value }),
    fc.record({ op: fc.constant<"pr">("pr"), attribute: fc.constant<"title">("title") }),
    fc.record({ op: fc.constantFrom<"eq" | "ne">("eq", "ne"), attribute: fc.constant<"active">("active"), value: fc.boolean() }),
    fc.record({ op: fc.constantFrom<"and" | "or">("and", "or"), left: tie("tree"), right: tie("tree") }),
    fc.record({ op: fc.constant<"not">("not"), inner: tie("tree") }),
  ),
})).tree;

/** The text a client sends for a tree: values as JSON strings, every subexpression in parentheses, any case of names and operators. */
function render(t: Tree, upper: boolean): string {
  const word = (w: string) => (upper ? w.toUpperCase() : w);
  switch (t.op) {
    case "and":
    case "or":
      return `(${render(t.left, upper)}) ${word(t.op)} (${render(t.right, upper)})`;
    case "not":
      return `${word("not")} (${render(t.inner, upper)})`;
    case "pr":
      return `${word(t.attribute)} pr`;
    default:
      return `${word(t.attribute)} ${word(t.op)} ${JSON.stringify(t.value)}`;
  }
}

/** What the tree means, by RFC 7644: text compared case-insensitively unless the attribute is caseExact (title). */
function evaluate(t: Tree, row: Row): boolean {
  switch (t.op) {
    case "and":
      return evaluate(t.left, row) && evaluate(t.right, row);
    case "or":
      return evaluate(t.left, row) || evaluate(t.right, row);
    case "not":
      return !evaluate(t.inner, row);
    case "pr":
      return row.title !== null;
  }
  if (t.attribute === "active") return (row.active === t.value) === (t.op === "eq");
  const stored = t.attribute === "name" ? row.name : row.title;
  if (stored === null) return t.op === "ne";
  const fold = (text: string) => (t.attribute === "title" ? text : text.toLowerCase());
  const [text, wanted] = [fold(stored), fold(t.value)];
  switch (t.op) {
    case "eq":
      return text === wanted;
    case "ne":
      return text !== wanted;
    case "co":
      return text.includes(wanted);
    case "sw":
      return text.startsWith(wanted);
    case "ew":
      return text.endsWith(wanted);
  }
}

/** Rows that share values with the tree often enough to make comparisons come out both ways. */
const rows = (values: string[]) => {
  const text =
    values.length > 0
      ? fc.oneof(
          fc.constantFrom(...values),
          fc.constantFrom(...values).map((v) => `x${v.toUpperCase()}y`),
          value,
        )
      : value;
  return fc.array(fc.record({ name: text, title: fc.option(text, { nil: null }), active: fc.boolean() }), { minLength: 1, maxLength: 6 });
};
const valuesOf = (t: Tree): string[] => {
  if (t.op === "and" || t.op === "or") return [...valuesOf(t.left), ...valuesOf(t.right)];
  if (t.op === "not") return valuesOf(t.inner);
  return "value" in t && typeof t.value === "string" ? [t.value] : [];
};

describe("compileFilter", () => {
  it("reads values as JSON strings: quotes, backslashes and escapes", () => {
    const one = (text: string) => compileFilter(target, text)({ name: 'a"b\\c/d\ne', title: null, active: true });
    expect(one(String.raw`name eq "a\"b\\c\/d\ne"`)).toBe(true);
    expect(one(String.raw`name eq "\u0061\"B\\C/D\nE"`)).toBe(true);
    expect(compileFilter(target, String.raw`name ew "\\"`)({ name: "a\\", title: null, active: true })).toBe(true);
    expect(() => compileFilter(target, String.raw`name eq "\x"`)).toThrow(ScimError);
  });

  it("selects exactly the rows the expression tree means", () => {
    fc.assert(
      fc.property(
        tree.chain((t) => fc.tuple(fc.constant(t), rows(valuesOf(t)), fc.boolean())),
        ([t, sample, upper]) => {
          const compiled = compileFilter(target, render(t, upper));
          for (const row of sample) expect(compiled(row), `${render(t, upper)} on ${JSON.stringify(row)}`).toBe(evaluate(t, row));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("answers anything else with invalidFilter, never another error", () => {
    const tokens = fc.constantFrom(
      "name",
      "title",
      "active",
      "emails",
      "[",
      "]",
      "(",
      ")",
      " ",
      '"',
      "\\",
      "eq",
      "co",
      "pr",
      "gt",
      "and",
      "or",
      "not",
      "true",
      "1e999",
      "-1",
      "null",
      ".",
      ":",
      "urn:test:Row:",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(tokens, { maxLength: 16 }).map((parts) => parts.join("")),
          fc.array(tokens, { maxLength: 16 }).map((parts) => parts.join(" ")),
          fc.string({ maxLength: 30 }),
        ),
        (text) => {
          try {
            compileFilter(target, text);
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            expect((error as ScimError).scimType).toBe("invalidFilter");
          }
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("refuses filters over its length limit before parsing them", () => {
    expect(() => compileFilter(target, `name eq "${"a".repeat(2_000)}"`)).toThrow(/at most 1000 characters/);
  });
});
