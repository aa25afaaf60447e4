import { describe, expect, it } from "vitest";
import { SVG_LIMITS, svgComplexityProblem } from "@/lib/branding/svg-limits";

const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${inner}</svg>`;
// `levels` nested groups inside the root: depth levels + 1.
const nested = (levels: number) => svg("<g>".repeat(levels) + '<circle r="1"/>' + "</g>".repeat(levels));

describe("SVG structure limits", () => {
  it("lets real drawings through: siblings, self-closing shapes, comments, a prologue", () => {
    expect(
      svgComplexityProblem(
        `<?xml version="1.0"?><!-- <g><g><g> --><!DOCTYPE svg>${svg('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>' + '<path d="M0 0L1 1"/>'.repeat(5_000))}`,
      ),
    ).toBeNull();
    expect(svgComplexityProblem(nested(SVG_LIMITS.maxDepth - 1))).toBeNull();
  });

  it("refuses nesting deeper than the limit, however the end tags are written", () => {
    expect(svgComplexityProblem(nested(SVG_LIMITS.maxDepth))).toMatch(/more than 100 levels deep/);
    expect(svgComplexityProblem(svg("<g>".repeat(10_000)))).toMatch(/levels deep/); // never closed
    expect(svgComplexityProblem(svg("<g></nothing>".repeat(200)))).toMatch(/levels deep/); // stray end tags close nothing
    expect(svgComplexityProblem(svg("<G>".repeat(60) + "<g>".repeat(60)))).toMatch(/levels deep/); // case does not matter
  });

  it("refuses more elements than the limit, even flat", () => {
    expect(svgComplexityProblem(svg("<g/>".repeat(SVG_LIMITS.maxElements - 1)))).toBeNull();
    expect(svgComplexityProblem(svg("<g/>".repeat(SVG_LIMITS.maxElements)))).toMatch(/more than 10,000 elements/);
  });

  it("scans in linear time: a 500 KiB file of tags takes milliseconds", () => {
    const started = performance.now();
    svgComplexityProblem(svg('<g a="<g>"></g>'.repeat(40_000)));
    svgComplexityProblem(svg("<".repeat(500_000)));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
