import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    tenant: string;
    user: { name?: string | null; email?: string | null; image?: string | null; username: string; roles: string[]; subject?: string };
    /** The app session's id (lib/sessions), for "sign out other sessions". */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    tenant?: string;
    roles?: string[];
    username?: string;
    idToken?: string;
    /** The app session's row (lib/sessions): every request checks it is still open. */
    sid?: string;
  }
}
