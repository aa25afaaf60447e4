import { z } from "zod";
import { passwordSchema } from "@/lib/passwords/schema";

/** The set-password form: the password twice, the same both times. */
export const choosePasswordSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
