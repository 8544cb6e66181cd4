import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { FetchProblem } from "@/lib/media/fetcher/outcome";
import { checkType } from "@/lib/media/fetcher/sniff";
import type { MediaKind } from "@/lib/media/types";
import { jpeg, mp4, oggOpus, pdf, plainText, png, svg, webp } from "../../support/media-fixtures";

const dir = mkdtempSync(path.join(tmpdir(), "atendo-sniff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function file(bytes: Buffer): string {
  const name = path.join(dir, `f${++n}`);
  writeFileSync(name, bytes);
  return name;
}

async function outcome(kind: MediaKind, declared: string | null, bytes: Buffer): Promise<string> {
  try {
    return await checkType(kind, declared, file(bytes));
  } catch (error) {
    if (error instanceof FetchProblem) return `!${error.outcome}`;
    throw error;
  }
}

describe("the type of a file is read from its bytes", () => {
  test("every kind WhatsApp sends, as declared", async () => {
    expect(await outcome("image", "image/jpeg", await jpeg(40, 30))).toBe("image/jpeg");
    expect(await outcome("image", "image/png", await png())).toBe("image/png");
    expect(await outcome("sticker", "image/webp", await webp())).toBe("image/webp");
    expect(await outcome("audio", "audio/ogg; codecs=opus", oggOpus())).toBe("audio/ogg");
    expect(await outcome("video", "video/mp4", mp4())).toBe("video/mp4");
    expect(await outcome("document", "application/pdf", pdf())).toBe("application/pdf");
    expect(await outcome("document", "text/plain", plainText())).toBe("text/plain");
  });

  test("bytes that are not what the message declared are refused", async () => {
    expect(await outcome("image", "image/jpeg", await png())).toBe("!type_mismatch");
    expect(await outcome("document", "application/pdf", await png())).toBe("!type_mismatch");
    expect(await outcome("document", "text/plain", Buffer.from([0x41, 0x00, 0x42]))).toBe("!type_mismatch");
    expect(await outcome("document", "text/plain", Buffer.from([0xff, 0xfe, 0x41]))).toBe("!type_mismatch");
    expect(await outcome("image", "image/png", svg())).toBe("!type_mismatch");
  });

  test("a type WhatsApp does not take for the kind is refused", async () => {
    expect(await outcome("image", "image/webp", await webp())).toBe("!refused_type");
    expect(await outcome("sticker", "image/png", await png())).toBe("!refused_type");
  });
});
