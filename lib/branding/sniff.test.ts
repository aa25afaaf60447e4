import { describe, expect, it } from "vitest";
import { sniffImageType } from "@/lib/branding/sniff";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe("image type sniffing", () => {
  it("recognises PNG, JPEG and ICO by their magic bytes", () => {
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe("image/png");
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toBe("image/jpeg");
    expect(sniffImageType(bytes(0, 0, 1, 0, 1, 0, 16, 16))).toBe("image/x-icon");
  });

  it("recognises SVG after a BOM, XML declaration, comments and doctype", () => {
    expect(sniffImageType(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe("image/svg+xml");
    expect(
      sniffImageType(
        text(
          '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg viewBox="0 0 1 1"></svg>',
        ),
      ),
    ).toBe("image/svg+xml");
  });

  it("goes by content, not by what the file claims to be", () => {
    // A script named logo.png, HTML, a PNG signature cut short, an ICO with no images, GIF, and an empty file.
    expect(sniffImageType(text("alert(document.cookie)"))).toBeNull();
    expect(sniffImageType(text("<html><svg></svg></html>"))).toBeNull();
    expect(sniffImageType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffImageType(bytes(0, 0, 1, 0, 0, 0))).toBeNull();
    expect(sniffImageType(text("GIF89a"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
    expect(sniffImageType(bytes(0xff, 0xfe, 0x3c, 0x00))).toBeNull();
  });
});
