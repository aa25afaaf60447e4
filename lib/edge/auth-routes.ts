import { nextAuth } from "@/lib/auth/next-auth-handler";
import { signOut } from "@/lib/auth/logout";
import type { NextRequest } from "next/server";
import { hostRoute } from "@/lib/edge/host-route";

/** next-auth's endpoints for whichever tenant the Host resolves to (console or an active workspace). */
export const nextAuthRoute = hostRoute({ serves: "console-or-active", handle: nextAuth });

/** Sign-out (POST), from a page of this host only: another site's form cannot sign the user out. */
export const logoutRoute = hostRoute<NextRequest, void>({ serves: "any", sameOrigin: "Sign out from a page of this site.", handle: signOut });
