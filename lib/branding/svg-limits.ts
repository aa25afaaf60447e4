/**
 * How much structure an uploaded SVG may have. Parsing and sanitising cost grows with the element
 * count and quadratically with nesting depth (10,000 nested groups, 70 KB, took 13 s and overflowed
 * the stack), so both are bounded before the file reaches the parser. Real logos nest a few dozen
 * levels at most and have a few thousand elements.
 */
export const SVG_LIMITS = { maxDepth: 100, maxElements: 10_000 } as const;

// A start tag's name, or `/name` for an end tag; comments, CDATA, doctype and processing
// instructions are matched first so that a `<` inside them does not count.
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>?|<(\/?)([A-Za-z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?/g;

/**
 * The refusal message when the SVG nests deeper or has more elements than SVG_LIMITS allows,
 * else null. One linear pass over the text, stopping at the first excess.
 *
 * Depth is counted the way the HTML parser (which the sanitiser uses) builds the tree in SVG
 * content: `<g/>` opens nothing, an end tag closes up to the nearest open element of its name,
 * and an end tag matching no open element is ignored — so stray end tags cannot hide nesting.
 * Whatever this count still misses is bounded by the element limit and by the sanitiser's time
 * limit (lib/branding/sanitize-off-thread.ts).
 */
export function svgComplexityProblem(svg: string): string | null {
  const open: string[] = [];
  let elements = 0;
  for (const match of svg.matchAll(MARKUP)) {
    const [, slash, rawName, rest] = match;
    if (!rawName) continue; // comment, CDATA, doctype, processing instruction
    const name = rawName.toLowerCase();
    if (slash) {
      const at = open.lastIndexOf(name);
      if (at >= 0) open.length = at;
      continue;
    }
    if (++elements > SVG_LIMITS.maxElements) return `This SVG has more than ${SVG_LIMITS.maxElements.toLocaleString("en")} elements; simplify the drawing (or export it as PNG).`;
    if (rest?.trimEnd().endsWith("/")) continue;
    open.push(name);
    if (open.length > SVG_LIMITS.maxDepth) return `This SVG nests elements more than ${SVG_LIMITS.maxDepth} levels deep; flatten its groups (or export it as PNG).`;
  }
  return null;
}
