import { describe, expect, it } from "vitest";
import { contrastRatio, contrastReport, normalizeHex, relativeLuminance, textColorOn } from "@/shared/contrast";

describe("contrast", () => {
  it("normalises hex colours and refuses anything else", () => {
    expect(normalizeHex(" #ABC ")).toBe("#aabbcc");
    expect(normalizeHex("#2563EB")).toBe("#2563eb");
    for (const bad of ["2563eb", "#12345", "#ggg", "red", "", "#1234567"]) expect(normalizeHex(bad)).toBeNull();
  });

  it("computes WCAG relative luminance and contrast ratios", () => {
    expect(relativeLuminance("#000")).toBe(0);
    expect(relativeLuminance("#fff")).toBe(1);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    // Known values (WebAIM contrast checker): #767676 on white is 4.54:1, #777777 is 4.48:1.
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ffffff", "#777777")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#2563eb", "#ffffff")).toBeCloseTo(5.17, 2);
  });

  it("puts black on light colours and white on dark ones", () => {
    expect(textColorOn("#ffffff")).toBe("#000000");
    expect(textColorOn("#ffd700")).toBe("#000000");
    expect(textColorOn("#1e3a8a")).toBe("#ffffff");
  });

  it("warns when white on the colour falls below AA, and not otherwise", () => {
    expect(contrastReport("#1e3a8a").warnings).toEqual([]);
    expect(contrastReport("#2563eb").warnings).toEqual([]);
    const yellow = contrastReport("#ffd700");
    expect(yellow.textColor).toBe("#000000");
    expect(yellow.textContrast).toBeGreaterThan(4.5);
    expect(yellow.warnings).toHaveLength(1);
    expect(yellow.warnings[0]).toMatch(/White and this colour contrast only 1\.\d\d:1/);
    expect(contrastReport("#777777").warnings[0]).toMatch(/4\.48:1/);
  });
});
