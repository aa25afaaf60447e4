import type { z } from "zod";
import type { FormState } from "@/lib/forms/form-state";
import { formValues, runAction } from "@/lib/edge/form";
import { parseOrThrow } from "@/lib/errors/zod";
import { parseBound, type BoundKinds, type ParsedBound, type RawBound } from "@/lib/edge/bound";

// The one shape of every server action, like the REST routes' wrappers: a page binds the values the
// form is about, the form posts its fields, and the action is `(…leading, …bound, prev, formData?)`.
// The wrapper (platformAction, tenantAction, cloudAction, linkAction, memberAction) says who may
// call and what leads the arguments (tenantAction: the target tenant); declareAction reads the
// form, parses the bound values and the input, and turns refusals into the form's state.

export type Outcome = Promise<Partial<FormState> | void>;
type Schema = z.ZodType | undefined;
type InputOf<S extends Schema> = S extends z.ZodType ? z.output<S> : Record<string, string>;

/** What every handler gets besides its caller. */
export interface Submission<B extends BoundKinds, S extends Schema> {
  /** The form's fields as text (as `form` reads them). */
  values: Record<string, string>;
  /** The raw form, for what is not text (file uploads, multi-valued fields); empty without one. */
  formData: FormData;
  /** The values the page bound, parsed by their declared kinds. */
  bound: ParsedBound<B>;
  /** `values` parsed by the spec's `input` schema (the values themselves without one). */
  input: InputOf<S>;
}

export interface ActionSpec<B extends BoundKinds, S extends Schema, C> {
  /** The kinds of the values the page binds, in order (BOUND in lib/edge/bound.ts). */
  bound?: B;
  input?: S;
  /** How the form's fields are read (default: every text field). */
  form?: (formData: FormData) => Record<string, string>;
  /** What goes back to the form (default: every field); forms with passwords send back less. */
  shown?: (values: Record<string, string>) => Record<string, string>;
  handle: (context: C & Submission<B, S>) => Outcome;
}

/** Who may call: `authenticate` gets the leading arguments, `admit` the bound values (for a scoped permission). */
export interface ActionEdge<Lead extends unknown[], A, C, B extends BoundKinds> {
  leading: Lead["length"];
  authenticate: (...leading: Lead) => Promise<A>;
  admit: (caller: A, bound: ParsedBound<B>) => C;
}

export type FormAction<Lead extends unknown[], B extends BoundKinds> = (...args: [...Lead, ...RawBound<B>, FormState, FormData?]) => Promise<FormState>;

/**
 * Reads the form, then in this order: authenticates the caller, parses the bound values (one that
 * is not of its kind is `not_found`), admits the caller, parses the input, and runs the handler.
 * An AppError from any step becomes the form's state (runAction).
 */
export function declareAction<Lead extends unknown[], A, C, const B extends BoundKinds = [], S extends Schema = undefined>(
  edge: ActionEdge<Lead, A, C, B>,
  spec: ActionSpec<B, S, C>,
): FormAction<Lead, B> {
  const kinds = (spec.bound ?? []) as unknown as B;
  return async (...args) => {
    const leading = args.slice(0, edge.leading) as Lead;
    const raw = args.slice(edge.leading, edge.leading + kinds.length);
    const [prev, submitted] = args.slice(edge.leading + kinds.length) as [FormState, FormData | undefined];
    const formData = submitted ?? new FormData();
    const values = (spec.form ?? formValues)(formData);
    return runAction(prev, spec.shown ? spec.shown(values) : values, async () => {
      const caller = await edge.authenticate(...leading);
      const bound = parseBound(kinds, raw);
      const context = edge.admit(caller, bound);
      const input = (spec.input ? parseOrThrow(spec.input, values) : values) as InputOf<S>;
      return spec.handle({ ...context, values, formData, bound, input });
    });
  };
}
