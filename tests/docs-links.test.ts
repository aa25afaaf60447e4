// Every relative link in the README and docs/ must lead somewhere: the file exists and, for a
// `#fragment` into a markdown file, one of its headings has that anchor (as GitHub spells it).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(file);
    return entry.name.endsWith(".md") ? [file] : [];
  });
}

/** The text outside fenced code blocks and inline code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading = ""] of markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replaceAll(" ", "-");
    const count = seen.get(slug) ?? 0;
    anchors.add(count ? `${slug}-${count}` : slug);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function brokenLinks(file: string): string[] {
  const markdown = fs.readFileSync(file, "utf8");
  const broken: string[] = [];
  for (const [, target = ""] of prose(markdown).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [pathPart = "", fragment] = target.split("#", 2);
    const linked = pathPart ? path.resolve(path.dirname(file), decodeURI(pathPart)) : file;
    if (!fs.existsSync(linked)) {
      broken.push(`${target} (no such file)`);
    } else if (fragment !== undefined && linked.endsWith(".md") && !anchorsOf(fs.readFileSync(linked, "utf8")).has(fragment)) {
      broken.push(`${target} (no such heading)`);
    }
  }
  return broken;
}

describe("documentation links", () => {
  const files = [path.join(root, "README.md"), ...markdownFiles(path.join(root, "docs"))];

  it.each(files.map((file) => [path.relative(root, file)]))("%s links only to files and headings that exist", (file) => {
    expect(brokenLinks(path.join(root, file))).toEqual([]);
  });

  it("reads anchors as GitHub writes them", () => {
    expect([...anchorsOf("# Host → tenant\n## `scim-sync`\n## The app's own HTTP server\n## Tests\n## Tests")]).toEqual([
      "host--tenant",
      "scim-sync",
      "the-apps-own-http-server",
      "tests",
      "tests-1",
    ]);
  });
});
