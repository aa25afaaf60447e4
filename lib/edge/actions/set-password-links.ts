"use server";

import { choosePasswordSchema } from "@/lib/set-password-links/schema";
import { setPasswordWithLink } from "@/lib/set-password-links/service";
import { BOUND } from "@/lib/edge/bound";
import { linkAction } from "@/lib/edge/link-action";

/** Public: the link itself is the credential, checked (in this host's tenant only) and used up here. */
export const choosePasswordAction = linkAction({
  bound: [BOUND.token],
  input: choosePasswordSchema,
  // Passwords are never sent back to the form.
  shown: () => ({}),
  handle: async ({ tenant, client, bound: [token], input }) => {
    const { username } = await setPasswordWithLink(tenant, token, input.password, client);
    return { message: `Your password is set, ${username}. Sign in with it now.`, values: { username } };
  },
});
