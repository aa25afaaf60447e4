import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { initialFormState } from "@/lib/forms/form-state";
import { declareAction } from "@/lib/edge/action";
import { BOUND } from "@/lib/edge/bound";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** An edge with one leading argument (like tenantAction's target) that records what it saw. */
function recordingEdge(seen: string[]) {
  return {
    leading: 1 as const,
    authenticate: async (who: string) => {
      seen.push(`authenticate ${who}`);
      if (who === "nobody") throw new AppError("unauthorized", "Sign in.");
      return { who };
    },
    admit: (caller: { who: string }, bound: unknown[]) => {
      seen.push(`admit ${JSON.stringify(bound)}`);
      return caller;
    },
  };
}

describe("declareAction", () => {
  it("splits leading, bound, state and form, and hands the handler the parsed values", async () => {
    const seen: string[] = [];
    const action = declareAction(recordingEdge(seen), {
      bound: [BOUND.user, BOUND.flag],
      input: z.object({ name: z.string().min(1) }),
      handle: async ({ who, bound: [username, enabled], input, values }) => ({ message: `${who} ${username} ${enabled} ${input.name} ${values.name}` }),
    });
    const state = await action("root", " Ada ", true, initialFormState, form({ name: "x", $ACTION_ID_1: "" }));
    expect(state).toMatchObject({ ok: true, message: "root ada true x x", values: { name: "x" }, attempt: 1 });
    expect(seen).toEqual(["authenticate root", 'admit ["ada",true]']);
  });

  it("authenticates before it parses the bound values; one that is not of its kind is not_found", async () => {
    const seen: string[] = [];
    const action = declareAction(recordingEdge(seen), { bound: [BOUND.orgUnit], handle: async () => ({ message: "done" }) });
    expect(await action("nobody", "not-an-id", initialFormState)).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await action("root", "not-an-id", initialFormState)).toMatchObject({ ok: false, code: "not_found", message: "Org unit not found." });
    expect(await action("root", 42 as unknown as string, initialFormState)).toMatchObject({ ok: false, code: "not_found" });
    expect(seen).toEqual(["authenticate nobody", "authenticate root", "authenticate root"]);
  });

  it("refuses bad input next to its field, and sends back only what `shown` keeps", async () => {
    const action = declareAction(recordingEdge([]), {
      input: z.object({ password: z.string().min(8, "Too short") }),
      shown: (values) => ({ username: values.username ?? "" }),
      handle: async () => ({ message: "set" }),
    });
    expect(await action("root", initialFormState, form({ username: "ada", password: "short" }))).toMatchObject({
      ok: false,
      code: "validation_failed",
      fieldErrors: { password: "Too short" },
      values: { username: "ada" },
    });
    const done = await action("root", initialFormState, form({ username: "ada", password: "long enough" }));
    expect(done).toMatchObject({ ok: true, values: { username: "ada" } });
    expect(done.values).not.toHaveProperty("password");
  });

  it("runs without a form (a button bound to its arguments)", async () => {
    const action = declareAction(recordingEdge([]), { handle: async ({ values, formData }) => ({ message: `${Object.keys(values).length} ${[...formData.keys()].length}` }) });
    expect(await action("root", initialFormState)).toMatchObject({ ok: true, message: "0 0", values: {} });
  });
});
