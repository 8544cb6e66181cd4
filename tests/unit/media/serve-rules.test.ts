import { describe, expect, test } from "vitest";
import { contentDisposition, isInlineType, safeFilename } from "@/lib/media/serve/disposition";
import { parseRange } from "@/lib/media/serve/range";

describe("byte ranges", () => {
  test("a closed, an open and a suffix range", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  });

  test("past the end is unsatisfiable; malformed or multiple ranges mean the whole file", () => {
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=50-10", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 1000)).toBeNull();
    expect(parseRange("items=0-1", 1000)).toBeNull();
    expect(parseRange(null, 1000)).toBeNull();
  });
});

describe("inline or download", () => {
  test("images, audio and video inline; active types and documents never", () => {
    expect(isInlineType("image/jpeg")).toBe(true);
    expect(isInlineType("audio/ogg")).toBe(true);
    expect(isInlineType("video/mp4")).toBe(true);
    expect(isInlineType("image/svg+xml")).toBe(false);
    expect(isInlineType("text/html")).toBe(false);
    expect(isInlineType("application/xhtml+xml")).toBe(false);
    expect(isInlineType("application/pdf")).toBe(false);
  });

  test("downloads carry the customer's filename, RFC 5987-encoded, without any path", () => {
    expect(contentDisposition("application/pdf", "Factura nº 7 (final).pdf")).toBe(
      `attachment; filename="Factura n_ 7 (final).pdf"; filename*=UTF-8''Factura%20n%C2%BA%207%20%28final%29.pdf`,
    );
    expect(safeFilename("../../etc/passwd", "x")).toBe("passwd");
    expect(safeFilename("C:\\Users\\a\\b.pdf", "x")).toBe("b.pdf");
    expect(safeFilename("..", "fallback")).toBe("fallback");
    expect(safeFilename(null, "fallback")).toBe("fallback");
    expect(contentDisposition("text/plain", 'a"b.txt')).toContain('filename="a_b.txt"');
  });
});
