import { z } from "zod";
import type { AuditActor } from "@/lib/audit/actor";
import { authorizeSuperadmin } from "@/lib/auth/guards";
import { runAction } from "@/lib/errors/action";
import { AppError } from "@/lib/errors/app-error";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";

// The console's server actions as declarations, like its REST routes (platformRoute): the wrapper
// reads the form, checks the caller is a superadmin of the console host, parses the id the action
// was bound to and the input, and turns refusals into the form's state. `handle` does the work.

type Outcome = Promise<Partial<FormState> | void>;

interface ActionContext<I> {
  actor: AuditActor;
  /** The form's fields as text (what the form shows again). */
  values: Record<string, string>;
  /** `values` parsed by the spec's `input` schema (the values themselves without one). */
  input: I;
}

interface ActionSpec<S extends z.ZodType | undefined, C> {
  input?: S;
  handle: (context: C) => Outcome;
}

type InputOf<S> = S extends z.ZodType ? z.output<S> : Record<string, string>;

function parseInput<S extends z.ZodType | undefined>(input: S | undefined, values: Record<string, string>): InputOf<S> {
  return (input ? parseOrThrow(input, values) : values) as InputOf<S>;
}

async function run(prev: FormState, formData: FormData | undefined, work: (actor: AuditActor, values: Record<string, string>) => Outcome): Promise<FormState> {
  const values = formData ? formValues(formData) : {};
  return runAction(prev, values, async () => work((await authorizeSuperadmin()).actor, values));
}

/** A superadmin's action on the console: `(prev, formData)`. */
export function platformAction<S extends z.ZodType | undefined = undefined>(spec: ActionSpec<S, ActionContext<InputOf<S>>>) {
  return async (prev: FormState, formData?: FormData): Promise<FormState> =>
    run(prev, formData, (actor, values) => spec.handle({ actor, values, input: parseInput(spec.input, values) }));
}

const RESOURCES = { tenant: "Tenant not found.", customer: "Customer not found." } as const;

/** A superadmin's action on one tenant or customer, bound to its id on the page: `(id, prev, formData)`; an id that is not one is `not_found`. */
export function platformResourceAction<S extends z.ZodType | undefined = undefined>(resource: keyof typeof RESOURCES, spec: ActionSpec<S, ActionContext<InputOf<S>> & { id: string }>) {
  return async (id: string, prev: FormState, formData?: FormData): Promise<FormState> =>
    run(prev, formData, (actor, values) => {
      const parsed = z.uuid().safeParse(id);
      if (!parsed.success) throw new AppError("not_found", RESOURCES[resource]);
      return spec.handle({ actor, values, id: parsed.data, input: parseInput(spec.input, values) });
    });
}
