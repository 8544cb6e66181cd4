import { describe, expect, test } from "vitest";
import { csvCell, toCsv } from "@/lib/analytics/csv";

describe("CSV cells", () => {
  test("quoting: commas, quotes, line breaks and edge spaces", () => {
    expect(csvCell("Soporte")).toBe("Soporte");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  test("text a spreadsheet would run as a formula is defused; numbers stay numbers", () => {
    for (const evil of ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(evil).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(0.25)).toBe("0.25");
    expect(csvCell(Number.NaN)).toBe("");
  });

  test("rows end with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x"]])).toBe("a,b\r\n1,x\r\n");
  });
});

test("CSV documents: CRLF lines, quoted fields where needed, empty for null, formulas defused", () => {
  expect(toCsv(["a", "b"], [["x", 1], [null, 0.5]])).toBe("a,b\r\nx,1\r\n,0.5\r\n");
  expect(toCsv(["comment"], [['Dijo "bien", gracias'], ["dos\nlíneas"]])).toBe('comment\r\n"Dijo ""bien"", gracias"\r\n"dos\nlíneas"\r\n');
  // A customer's comment must not run as a spreadsheet formula; numbers stay numbers.
  expect(toCsv(["c"], [["=HYPERLINK(\"x\")"], ["+1"], [-3]])).toBe("c\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n'+1\r\n-3\r\n");
});
