/**
 * Marketers' regular expressions run on RE2 (linear time), never on V8's backtracking
 * RegExp: a customer's text cannot stall the engine, and the lint refuses what RE2 cannot
 * run with a reason that names the step and the field.
 */
import { describe, expect, test } from "vitest";
import { type StepResult, initialState, step } from "@/lib/flow/engine";
import { compileRegex, regexProblem, toRe2Syntax } from "@/lib/flow/regex";
import type { FlowDocument } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";
import { checkAnswer } from "@/lib/flow/values";
import { ctx, flow } from "./helpers";

// `^(a+)+$` is the textbook catastrophic pattern: V8 tries every way to split the run of
// "a"s before failing on "!", i.e. 2^n paths. 28 "a"s took 1.2 s on V8; 40 would take
// about 4,000 times longer (hours). On RE2 both are a single linear pass, so these tests
// finish at once; on a backtracking engine they would hit the (generous) timeout.
const EVIL = "^(a+)+$";
const attack = (n: number) => `${"a".repeat(n)}!`;
const GENEROUS_MS = 20_000;

function questionFlow(pattern: string): FlowDocument {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "q", type: "question", data: { label: "Código de cliente", text: "¿Código?", variable: "codigo", validation: { kind: "regex", pattern } } },
      { id: "ok", type: "end", data: { text: "ok {{codigo}}" } },
    ],
    [
      ["start", "q"],
      ["q", "ok"],
    ],
  );
}

function matchesFlow(pattern: string): FlowDocument {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "q", type: "question", data: { text: "¿Mensaje?", variable: "msg", validation: { kind: "any" } } },
      { id: "cond", type: "condition", data: { rules: [{ id: "hit", variable: "msg", operator: "matches", value: pattern }] } },
      { id: "yes", type: "end", data: { text: "coincide" } },
      { id: "no", type: "end", data: { text: "no coincide" } },
    ],
    [
      ["start", "q"],
      ["q", "cond"],
      ["cond", "yes", "hit"],
      ["cond", "no", "else"],
    ],
  );
}

function answer(doc: FlowDocument, text: string): StepResult {
  const c = ctx();
  const started = step(doc, initialState(), { kind: "start" }, c);
  return step(doc, started.state, { kind: "text", text }, c);
}

describe("marketer regexes run in linear time", () => {
  test(
    "question validation ^(a+)+$ against 28 and 40 'a's + '!' is rejected at once",
    () => {
      for (const n of [28, 40, 999]) {
        expect(checkAnswer(attack(n), { kind: "regex", pattern: EVIL })).toBe("invalid");
        const r = answer(questionFlow(EVIL), attack(n));
        expect(r.error).toBeUndefined();
        expect(r.state).toMatchObject({ status: "waiting", nodeId: "q", invalidAttempts: 1 });
      }
      expect(answer(questionFlow(EVIL), "a".repeat(40)).state.status).toBe("ended");
    },
    GENEROUS_MS,
  );

  test(
    "a matches rule (case-insensitive) with a catastrophic pattern answers at once",
    () => {
      const doc = matchesFlow("^(a|A|aa)+$");
      expect(answer(doc, `${"A".repeat(40)}!`).outputs).toEqual([{ kind: "text", text: "no coincide" }]);
      expect(answer(doc, "aA".repeat(20)).outputs).toEqual([{ kind: "text", text: "coincide" }]);
      const evil = matchesFlow(EVIL);
      expect(answer(evil, `${"A".repeat(40)}!`).outputs).toEqual([{ kind: "text", text: "no coincide" }]);
      // The rule keeps its case-insensitive meaning.
      expect(answer(evil, "AaAa").outputs).toEqual([{ kind: "text", text: "coincide" }]);
    },
    GENEROUS_MS,
  );

  test("flags keep their meaning: validation is case-sensitive, matches is not", () => {
    expect(checkAnswer("ABC123", { kind: "regex", pattern: "^[A-Z]{3}\\d+$" })).toBe("valid");
    expect(checkAnswer("abc123", { kind: "regex", pattern: "^[A-Z]{3}\\d+$" })).toBe("invalid");
    expect(answer(matchesFlow("^vip-\\d+$"), "VIP-42").outputs).toEqual([{ kind: "text", text: "coincide" }]);
    expect(answer(matchesFlow("cancel"), "quiero CANCELAR ya").outputs).toEqual([{ kind: "text", text: "coincide" }]);
  });

  test("the compiled matcher is not a V8 RegExp", () => {
    const re = compileRegex("^\\d{6}$", "");
    expect(re).not.toBeNull();
    expect(re).not.toBeInstanceOf(RegExp);
    expect(re?.test("123456")).toBe(true);
  });

  test("JavaScript-style \\uXXXX escapes keep working; an escaped backslash stays literal", () => {
    expect(toRe2Syntax("caf\\u00e9")).toBe("caf\\x{00e9}");
    expect(toRe2Syntax("\\\\u00e9")).toBe("\\\\u00e9");
    expect(checkAnswer("café", { kind: "regex", pattern: "^caf\\u00e9$" })).toBe("valid");
  });

  test("a pattern RE2 cannot run is a runtime error handed to a person, never a V8 fallback", () => {
    const r = answer(questionFlow("^(a)\\1$"), "aa");
    expect(r.error?.code).toBe("runtime");
    expect(r.state.status).toBe("handoff");
  });
});

describe("the lint refuses what RE2 cannot run", () => {
  test.each([
    ["(\\d)\\1", "backreference", '"\\1"'],
    ["(?<dia>\\d+)-\\k<dia>", "backreference", '"\\k'],
    ["^(?=.*\\d)\\w+$", "lookaround", '"(?="'],
    ["^(?!x)\\w+$", "lookaround", '"(?!"'],
    ["(?<=R\\$)\\d+", "lookaround", '"(?<="'],
    ["(?<!-)\\d+", "lookaround", '"(?<!"'],
  ])("%s -> %s, naming the step and the field", (pattern, reason, token) => {
    expect(regexProblem(pattern)?.kind).toBe(reason);
    const doc = questionFlow(pattern);
    const issue = lintFlow(doc).errors.find((e) => e.code === "regex_invalid");
    expect(issue).toMatchObject({ nodeId: "q", field: "data.validation.pattern", params: { reason, step: "Código de cliente" } });
    expect(issue?.message).toContain('Paso "Código de cliente", validación de la respuesta');
    expect(issue?.message).toContain(token);
  });

  test("a condition rule names the rule; a step without a label is named by its kind; every locale reads", () => {
    const doc = matchesFlow("^(\\w+) \\1$");
    const es = lintFlow(doc, { locale: "es" }).errors.find((e) => e.code === "regex_invalid");
    expect(es).toMatchObject({ nodeId: "cond", field: "data.rules.0.value", params: { reason: "backreference" } });
    expect(es?.message).toMatch(/^Paso "Condición", regla 1: el patrón .* no se puede usar: las referencias a un grupo anterior/);
    const pt = lintFlow(doc, { locale: "pt" }).errors.find((e) => e.code === "regex_invalid");
    expect(pt?.message).toMatch(/^Etapa "Condição", regra 1: .*referências a um grupo anterior/);
    const en = lintFlow(matchesFlow("a(?=b)"), { locale: "en" }).errors.find((e) => e.code === "regex_invalid");
    expect(en?.message).toMatch(/^Step "Condition", rule 1: .*look-ahead and look-behind checks \("\(\?="\) are not allowed/);
  });

  test("ordinary syntax errors get a readable reason instead of the parser's English", () => {
    const issue = (pattern: string) => lintFlow(questionFlow(pattern)).errors.find((e) => e.code === "regex_invalid");
    expect(issue("^(\\d+$")?.message).toContain('falta cerrar un paréntesis ")"');
    expect(issue("[a-")?.message).toContain('falta cerrar un corchete "]"');
    expect(issue("[z-a]")?.params?.reason).toBe("char_range");
    expect(issue("*a")?.params?.reason).toBe("repeat");
    expect(issue("^\\d{6}$")).toBeUndefined();
    expect(issue(EVIL)).toBeUndefined(); // valid, and harmless on RE2
  });
});
