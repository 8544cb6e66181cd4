import { describe, expect, test } from "vitest";
import { looseText, matchOptions, matchesKeyword, normalizeText } from "@/lib/flow/match";
import { extractPath, parsePath, stringifyValue } from "@/lib/flow/path";
import { isValidVariableName, renderTemplate, templateVariables } from "@/lib/flow/template";
import { checkAnswer, isEmail, isPhone, parseDate, parseNumber } from "@/lib/flow/values";

describe("renderTemplate", () => {
  const vars = { "contact.name": "Ana", "contact.phone": "5511", protocol: "20250305-000001", input: "2", nombre: "Luis", n: 3 };

  test("substitutes built-ins and flow variables", () => {
    expect(renderTemplate("Hola {{contact.name}} ({{contact.phone}}), protocolo {{protocol}}", vars)).toBe(
      "Hola Ana (5511), protocolo 20250305-000001",
    );
    expect(renderTemplate("Elegiste {{input}}, {{nombre}} x{{n}}", vars)).toBe("Elegiste 2, Luis x3");
  });

  test("whitespace inside braces is allowed", () => {
    expect(renderTemplate("{{ nombre }}-{{  contact.name}}", vars)).toBe("Luis-Ana");
  });

  test("missing variables render empty, never 'undefined'", () => {
    expect(renderTemplate("Hola {{nadie}}!", vars)).toBe("Hola !");
    expect(renderTemplate("{{a}}{{b}}", { a: undefined, b: null })).toBe("");
    expect(renderTemplate("{{constructor}}{{toString}}{{__proto__}}", {})).toBe("");
  });

  test("accepts a lookup function", () => {
    expect(renderTemplate("{{x}} {{y}}", (name) => (name === "x" ? "ok" : undefined))).toBe("ok ");
  });

  test("text without templates is returned as is; lone braces are kept", () => {
    expect(renderTemplate("precio: {50}", vars)).toBe("precio: {50}");
    expect(renderTemplate("", vars)).toBe("");
  });

  test("templateVariables lists distinct names in order", () => {
    expect(templateVariables("{{a}} {{ b }} {{a}} {{contact.name}}")).toEqual(["a", "b", "contact.name"]);
    expect(templateVariables("no vars")).toEqual([]);
  });

  test("variable names", () => {
    for (const ok of ["nombre", "pedido_id", "número", "order.status", "_x1"]) expect(isValidVariableName(ok)).toBe(true);
    for (const bad of ["", "1abc", "con espacio", "a-b", "a.", "{{a}}"]) expect(isValidVariableName(bad)).toBe(false);
  });
});

describe("normalizeText", () => {
  test("lowercases, strips accents, trims and collapses spaces", () => {
    expect(normalizeText("  Atención   al\tCliente ")).toBe("atencion al cliente");
    expect(normalizeText("SÃO PAULO")).toBe("sao paulo");
    expect(normalizeText("Ñandú")).toBe("nandu");
    expect(looseText("¿Ventas?")).toBe("ventas");
    expect(looseText("✅ Sí")).toBe("si");
  });
});

describe("matchOptions", () => {
  const options = [
    { id: "ventas", title: "Ventas" },
    { id: "soporte", title: "Soporte técnico" },
    { id: "pedido", title: "¿Dónde está mi pedido?" },
  ];
  const text = (t: string) => matchOptions(options, { kind: "text", text: t });

  test("reply id first", () => {
    expect(matchOptions(options, { kind: "reply", id: "pedido", title: "Ventas" })).toBe(2);
  });

  test("an unknown reply id falls back to its title (a button from an older message)", () => {
    expect(matchOptions(options, { kind: "reply", id: "old-id", title: "Ventas" })).toBe(0);
    expect(matchOptions(options, { kind: "reply", id: "old-id" })).toBe(-1);
  });

  test.each([["2", 1], ["2.", 1], [" 2 ", 1], ["2)", 1], ["3", 2], ["2️⃣", 1]])("option number %j", (t, expected) => {
    expect(text(t)).toBe(expected);
  });

  test("out-of-range numbers do not match", () => {
    expect(text("4")).toBe(-1);
    expect(text("0")).toBe(-1);
  });

  test.each([
    ["ventas", 0],
    ["VENTAS", 0],
    ["soporte tecnico", 1],
    ["SOPORTE  TÉCNICO", 1],
    ["donde esta mi pedido", 2],
    ["¿dónde está mi pedido?", 2],
  ])("title %j (case, accents, punctuation)", (t, expected) => {
    expect(text(t)).toBe(expected);
  });

  test("unrelated text does not match", () => {
    expect(text("hola")).toBe(-1);
    expect(text("")).toBe(-1);
  });

  test("a title that is literally a number beats the option number", () => {
    const sizes = [{ id: "a", title: "2" }, { id: "b", title: "3" }, { id: "c", title: "4+" }];
    expect(matchOptions(sizes, { kind: "text", text: "2" })).toBe(0);
    expect(matchOptions(sizes, { kind: "text", text: "1" })).toBe(0);
    expect(matchOptions(sizes, { kind: "text", text: "3" })).toBe(1);
  });

  test("keywords match the whole normalized text", () => {
    expect(matchesKeyword(" MENÚ ", ["menu"])).toBe(true);
    expect(matchesKeyword("ver el menu", ["menu"])).toBe(false);
  });
});

describe("values", () => {
  test.each([
    ["42", 42],
    ["3,5", 3.5],
    ["1.234,56", 1234.56],
    ["1,234.56", 1234.56],
    ["1.234.567", 1234567],
    ["R$ 100", 100],
    ["-2", -2],
    ["abc", Number.NaN],
    ["", Number.NaN],
    ["12abc", Number.NaN],
  ])("parseNumber(%j)", (t, n) => {
    expect(parseNumber(t)).toBe(n);
  });

  test("parseDate accepts ISO and day-first dates and rejects impossible ones", () => {
    expect(parseDate("2025-03-05")).toBe("2025-03-05");
    expect(parseDate("5/3/2025")).toBe("2025-03-05");
    expect(parseDate("05-03-25")).toBe("2025-03-05");
    expect(parseDate("31/02/2025")).toBeNull();
    expect(parseDate("mañana")).toBeNull();
  });

  test("email and phone", () => {
    expect(isEmail("ana@example.com")).toBe(true);
    expect(isEmail("ana@example")).toBe(false);
    expect(isEmail("ana example.com")).toBe(false);
    expect(isPhone("+55 (11) 98765-4321")).toBe(true);
    expect(isPhone("1234")).toBe(false);
  });

  test("checkAnswer by validation kind", () => {
    expect(checkAnswer("  ", { kind: "any" })).toBe("invalid");
    expect(checkAnswer("x", { kind: "any" })).toBe("valid");
    expect(checkAnswer("ab", { kind: "text", min: 3 })).toBe("invalid");
    expect(checkAnswer("abcd", { kind: "text", max: 3 })).toBe("invalid");
    expect(checkAnswer("150", { kind: "number", max: 120 })).toBe("invalid");
    expect(checkAnswer("18", { kind: "number", min: 18 })).toBe("valid");
    expect(checkAnswer("ABC123", { kind: "regex", pattern: "^[A-Z]{3}\\d+$" })).toBe("valid");
    expect(checkAnswer("abc123", { kind: "regex", pattern: "^[A-Z]{3}\\d+$" })).toBe("invalid");
    expect(checkAnswer("x", { kind: "regex", pattern: "(" })).toBe("bad_pattern");
  });
});

describe("paths", () => {
  const data = { data: { items: [{ name: "A" }, { name: "B" }] }, status: "ok", "first name": "Ana", n: 0 };

  test("dot and bracket paths", () => {
    expect(extractPath(data, "data.items[0].name")).toBe("A");
    expect(extractPath(data, "data.items[-1].name")).toBe("B");
    expect(extractPath(data, '["first name"]')).toBe("Ana");
    expect(extractPath(data, "$.status")).toBe("ok");
    expect(extractPath(data, "n")).toBe(0);
    expect(extractPath(data, "")).toBe(data);
  });

  test("missing paths are undefined, never a prototype member", () => {
    expect(extractPath(data, "data.items[5].name")).toBeUndefined();
    expect(extractPath(data, "status.length")).toBeUndefined();
    expect(extractPath(data, "constructor")).toBeUndefined();
    expect(extractPath(null, "a")).toBeUndefined();
  });

  test("malformed paths", () => {
    for (const bad of ["a..b", "a[", "a[x]", ".a", "a.", "a b"]) expect(parsePath(bad)).toBeNull();
  });

  test("stringifyValue", () => {
    expect(stringifyValue("x")).toBe("x");
    expect(stringifyValue(3)).toBe("3");
    expect(stringifyValue(false)).toBe("false");
    expect(stringifyValue(null)).toBe("");
    expect(stringifyValue({ a: 1 })).toBe('{"a":1}');
  });
});
