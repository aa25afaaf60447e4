import { z } from "zod";

// A form sends every field as text; JSON has booleans and arrays. A schema the REST API takes
// says what the OpenAPI document says (a boolean is `true` or `false`, a list is an array) and
// refuses anything else; its form twin reads the form's text into those types with these, so
// `"false"` never passes for a boolean, nor `"x"` for a list, in a JSON body.

/** A form's `"true"` / `"false"` as the boolean `schema` takes (anything else is left for it to refuse). */
export function formBoolean<S extends z.ZodType<boolean>>(schema: S) {
  return z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), schema);
}

/** The non-blank lines of a textarea, each trimmed. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** A textarea's lines as the list `schema` takes, one item per line; a field the form left out is an empty list. */
export function formLines<S extends z.ZodType<string[]>>(schema: S) {
  return z.preprocess((v) => (typeof v === "string" ? splitLines(v) : (v ?? [])), schema);
}

/**
 * A form's text for a nullable whole number: empty is null (the default), digits a number, and
 * anything else NaN so that `schema` refuses it with its own message.
 */
export function formOptionalWholeNumber<S extends z.ZodType<number | null>>(schema: S) {
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const text = v.trim();
    return text === "" ? null : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  }, schema);
}
