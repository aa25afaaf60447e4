// The app (Tailwind's sans font, app/globals.css) and the login pages of both identity servers use
// one font stack, so signing in does not change the typeface.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { STYLE } from "@/idp/login/render";

const normalize = (stack: string) => stack.replace(/\s+/g, "").trim();
const appStack = /--font-sans:([^;]+);/.exec(fs.readFileSync("app/globals.css", "utf8"))?.[1];
const loginStack = /body\{[^}]*font-family:([^;}]+)/.exec(STYLE)?.[1];

describe("font stack", () => {
  it("the app's sans font is the login page's", () => {
    expect(appStack && normalize(appStack)).toBe(loginStack && normalize(loginStack));
  });
});
