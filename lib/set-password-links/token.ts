/** How long a set-password link works. */
export const SET_PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;
