import { expect, test } from "vitest";
import { toCsv } from "@/lib/analytics/csv";

test("CSV: CRLF lines, quoted fields where needed, empty for null, formulas defused", () => {
  expect(toCsv(["a", "b"], [["x", 1], [null, 0.5]])).toBe("a,b\r\nx,1\r\n,0.5\r\n");
  expect(toCsv(["comment"], [['Dijo "bien", gracias'], ["dos\nlíneas"]])).toBe('comment\r\n"Dijo ""bien"", gracias"\r\n"dos\nlíneas"\r\n');
  // A customer's comment must not run as a spreadsheet formula; numbers stay numbers.
  expect(toCsv(["c"], [["=HYPERLINK(\"x\")"], ["+1"], [-3]])).toBe("c\r\n\"'=HYPERLINK(\"\"x\"\")\"\r\n'+1\r\n-3\r\n");
});
