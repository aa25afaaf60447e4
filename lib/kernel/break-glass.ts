/** The customer's emergency admin in every tenant realm: created at provisioning, never deletable. */
export const BREAK_GLASS_USERNAME = "breakglass";
