import { describe, expect, it } from "vitest";
import { createUserSchema, renameUserSchema, updateUserSchema } from "@/lib/users/schema";

// The realm's user profile refuses these; Gatehouse refuses them first, with a message for the field.
describe("user rules aligned with the realm's profile", () => {
  it("requires usernames of at least 3 characters", () => {
    const short = createUserSchema.safeParse({ username: "ab" });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]).toMatchObject({ path: ["username"], message: expect.stringContaining("3–63 characters") });
    expect(renameUserSchema.safeParse({ username: "ab" }).success).toBe(false);
    expect(createUserSchema.safeParse({ username: "abc" }).success).toBe(true);
  });

  it("refuses the characters Keycloak refuses in names, and keeps names it accepts", () => {
    for (const firstName of ["Bob <b>", "a&b", "semi;colon", "x(y)", "line\nbreak", "tab\there", "nel\u0085"]) {
      const result = updateUserSchema.safeParse({ firstName });
      expect(result.success, firstName).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["firstName"]);
    }
    expect(updateUserSchema.safeParse({ firstName: "Zoë", lastName: "O'Brien-Núñez" }).success).toBe(true);
    expect(updateUserSchema.safeParse({ lastName: "a=b" }).success).toBe(false);
  });
});
