import createDOMPurify, { type DOMPurify } from "dompurify";
import { JSDOM } from "jsdom";

interface Sanitizer {
  purify: DOMPurify;
  serializer: { serializeToString(node: Node): string };
}

let sanitizer: Sanitizer | undefined;

// Only references within the document itself (`#id`) survive; anything else could load a resource.
const LOCAL_REFERENCE = /^\s*#/;
const EXTERNAL_URL_IN_VALUE = /url\(\s*(?!['"]?\s*#)/i;
const REFERENCE_ATTRIBUTES = new Set(["href", "xlink:href", "src"]);

function instance(): Sanitizer {
  if (sanitizer) return sanitizer;
  const { window } = new JSDOM("");
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook("uponSanitizeAttribute", (_node, data) => {
    if (REFERENCE_ATTRIBUTES.has(data.attrName.toLowerCase()) && !LOCAL_REFERENCE.test(data.attrValue)) data.keepAttr = false;
    if (EXTERNAL_URL_IN_VALUE.test(data.attrValue)) data.keepAttr = false;
  });
  sanitizer = { purify, serializer: new window.XMLSerializer() };
  return sanitizer;
}

/**
 * An uploaded SVG made safe to serve: scripts, event handlers, `javascript:` and every other
 * external reference (href, xlink:href, url(...) in attributes), `<foreignObject>` and `<style>`
 * are removed. Null when nothing of an SVG is left. The result is serialised as XML (with the SVG
 * namespace), since it is served as a file of its own.
 */
export function sanitizeSvg(svg: string): string | null {
  // The prologue (XML declaration, comments, doctype with its entities) goes: the root element is all we keep.
  const start = svg.search(/<svg[\s>/]/i);
  if (start < 0) return null;
  const { purify, serializer } = instance();
  // Parsed as HTML on purpose: the HTML parser gives SVG elements and attributes their proper case
  // (viewBox, linearGradient), which DOMPurify's allow-lists expect.
  const body = purify.sanitize(svg.slice(start), {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ["foreignObject", "style", "script"],
    RETURN_DOM: true,
  }) as Element;
  const root = body.firstElementChild;
  if (!root || root.localName !== "svg" || body.childElementCount !== 1) return null;
  return serializer.serializeToString(root);
}
