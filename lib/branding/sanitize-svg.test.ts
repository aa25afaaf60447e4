import { describe, expect, it } from "vitest";
import { sanitizeSvg } from "@/lib/branding/sanitize-svg";

const svg = (inner: string, attributes = "") =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;

describe("SVG sanitising", () => {
  it("keeps the drawing: shapes, gradients, local references, proper case, the SVG namespace", () => {
    const clean = sanitizeSvg(
      `<?xml version="1.0"?>\n<!-- logo -->\n${svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/><text x="1" y="9">A&amp;B</text>')}`,
    );
    expect(clean).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(clean).toContain('viewBox="0 0 10 10"');
    expect(clean).toContain('<linearGradient id="g">');
    expect(clean).toContain('fill="url(#g)"');
    expect(clean).toContain("A&amp;B");
  });

  it("removes <script> elements", () => {
    const clean = sanitizeSvg(svg('<script>alert(1)</script><script xlink:href="https://evil.example/x.js"/><circle r="1"/>'));
    expect(clean).not.toMatch(/script|alert|evil/i);
    expect(clean).toContain("<circle");
  });

  it("removes event handlers such as onload=", () => {
    const clean = sanitizeSvg(svg('<circle r="1" onclick="alert(2)" onmouseover="alert(3)"/>', ' onload="alert(1)"'));
    expect(clean).not.toMatch(/on(load|click|mouseover)|alert/i);
  });

  it("removes javascript: hrefs", () => {
    const clean = sanitizeSvg(svg('<a href="javascript:alert(1)"><circle r="1"/></a><a xlink:href=" JaVaScRiPt:alert(2)"><rect width="1" height="1"/></a>'));
    expect(clean).not.toMatch(/javascript|alert/i);
    expect(clean).toContain("<circle");
  });

  it("removes <foreignObject> and what is inside it", () => {
    const clean = sanitizeSvg(
      svg(
        '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example/"></iframe>hello</div></foreignObject><circle r="1"/>',
      ),
    );
    expect(clean).not.toMatch(/foreignObject|iframe|hello|evil/i);
  });

  it("removes external references: href, xlink:href, url(...) in attributes, <style>", () => {
    const clean = sanitizeSvg(
      svg(
        '<style>@import url(https://evil.example/a.css);</style><image href="https://evil.example/i.png" width="5" height="5"/><image xlink:href="data:image/png;base64,AAAA"/><use href="https://evil.example/s.svg#x"/><rect width="1" height="1" fill="url(https://evil.example/f.svg#p)" style="fill:url(\'//evil.example/p\')"/>',
      ),
    );
    expect(clean).not.toMatch(/evil|data:|@import/);
    expect(clean).toContain("<rect");
  });

  it("refuses what is not an SVG drawing", () => {
    expect(sanitizeSvg("<html><body>hi</body></html>")).toBeNull();
    expect(sanitizeSvg("just text")).toBeNull();
  });
});
