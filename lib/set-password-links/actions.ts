"use server";

import { headers } from "next/headers";
import { requestActor } from "@/lib/audit/actor";
import { runAction } from "@/lib/errors/action";
import { formValues, type FormState } from "@/lib/errors/form-state";
import { parseOrThrow } from "@/lib/errors/zod";
import { requireWorkspace } from "@/lib/tenancy/request";
import { choosePasswordSchema } from "@/lib/set-password-links/schema";
import { setPasswordWithLink } from "@/lib/set-password-links/service";
import { enforceLimits, linkCheck } from "@/lib/rate-limits/enforce";

/** Public: the link itself is the credential, checked (in this host's tenant only) and used up here. */
export async function choosePasswordAction(token: string, prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  // Passwords are never sent back to the form.
  return runAction(prev, {}, async () => {
    const tenant = await requireWorkspace();
    const client = requestActor(await headers(), "");
    await enforceLimits(linkCheck(tenant, client.ip), { tenant, actor: { ...client, actor: `${tenant.key}/anonymous` } });
    const { password } = parseOrThrow(choosePasswordSchema, values);
    const { username } = await setPasswordWithLink(tenant, token, password, client);
    return { message: `Your password is set, ${username}. Sign in with it now.`, values: { username } };
  });
}
