import { describe, expect, test } from "vitest";
import { parseCsv, unguardCell } from "@/lib/contacts/csv-parse";
import { normalizeFieldValue, toWaId } from "@/lib/contacts/field-values";
import { checkImport } from "@/lib/contacts/import-check";
import { searchQuery } from "@/lib/contacts/search-query";

describe("field values", () => {
  const rule = (kind: "text" | "number" | "date" | "email" | "choice", options: string[] = []) => ({ key: "k", kind, options });
  test.each([
    ["text", "  hola  ", "hola"],
    ["number", "1.234,5", "1234.5"],
    ["number", "-2", "-2"],
    ["date", "05/03/2026", "2026-03-05"],
    ["date", "2026-3-5", "2026-03-05"],
    ["email", "Ana@Example.COM", "ana@example.com"],
  ] as const)("%s %j is stored as %j", (kind, raw, stored) => {
    expect(normalizeFieldValue(rule(kind), raw)).toEqual({ ok: true, value: stored });
  });

  test("a choice is stored in the option's own spelling", () => {
    expect(normalizeFieldValue(rule("choice", ["Básico", "Pro"]), "básico")).toEqual({ ok: true, value: "Básico" });
    expect(normalizeFieldValue(rule("choice", ["Básico", "Pro"]), "Gold")).toEqual({ ok: false, reason: "not_option" });
  });

  test.each([
    ["number", "doce", "not_number"],
    ["date", "31/02/2026", "not_date"],
    ["email", "ana@", "not_email"],
  ] as const)("%s %j is refused (%s)", (kind, raw, reason) => {
    expect(normalizeFieldValue(rule(kind), raw)).toEqual({ ok: false, reason });
  });

  test("E.164 phone numbers", () => {
    expect(toWaId("+55 (11) 99999-0000")).toBe("5511999990000");
    expect(toWaId("5511999990000")).toBe("5511999990000");
    expect(toWaId("12-34")).toBeNull();
    expect(toWaId("+05511999990000")).toBeNull();
    expect(toWaId("+1234567890123456")).toBeNull();
  });
});

describe("CSV", () => {
  test("quotes, doubled quotes, line breaks in cells, CRLF, BOM and empty lines", () => {
    const table = parseCsv('\uFEFFphone,name\r\n5511999990000,"Souza, Ana ""Aninha"""\r\n\r\n5511999990001,"two\nlines"\n');
    expect(table.header).toEqual(["phone", "name"]);
    expect(table.rows).toEqual([
      { line: 2, cells: ["5511999990000", 'Souza, Ana "Aninha"'] },
      { line: 4, cells: ["5511999990001", "two\nlines"] },
    ]);
  });

  test("a header separated by semicolons (Excel in es/pt) switches the separator", () => {
    expect(parseCsv("phone;name\n5511999990000;Ana, Souza\n").rows[0]!.cells).toEqual(["5511999990000", "Ana, Souza"]);
  });

  test("the export's formula guard is undone on import", () => {
    expect(unguardCell("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(unguardCell("'hola")).toBe("'hola");
  });

  test("every row's problems, duplicates by phone, unknown columns", () => {
    const rules = new Map([["email", { key: "email", kind: "email" as const, options: [] }]]);
    const result = checkImport("phone,name,email,shoe\n+5511999990000,Ana,ana@x.com,42\n5511999990000,Ana 2,,\n123,Beto,beto@,\n", rules);
    expect(result.fileErrors).toEqual([expect.objectContaining({ reason: "unknown_column", column: "shoe" })]);
    expect(result.rows.map((r) => r.errors.map((e) => e.reason))).toEqual([[], ["duplicate"], ["bad_phone", "not_email"]]);
  });
});

describe("search words", () => {
  test("words become prefix matches; phone punctuation is dropped; accents folded", () => {
    expect(searchQuery("Ana Souza")).toBe("'ana':* & 'souza':*");
    expect(searchQuery("+55 (11) 9999")).toBe("'55119999':*");
    expect(searchQuery("a'b & c")).toBe("'ab':* & 'c':*");
    expect(searchQuery("  ")).toBeNull();
    expect(searchQuery("João Conceição")).toBe("'joao':* & 'conceicao':*");
    expect(searchQuery("ÑANDÚ")).toBe("'nandu':*");
  });
});
