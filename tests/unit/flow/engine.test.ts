import { describe, expect, test } from "vitest";
import { type BusinessHours, defaultBusinessHours } from "@/lib/flow/business-hours";
import { type FlowInput, type FlowState, type StepResult, initialState, step } from "@/lib/flow/engine";
import type { FlowDocument } from "@/lib/flow/schema";
import { clone, ctx, flow } from "./helpers";

const START: FlowInput = { kind: "start" };
const text = (t: string): FlowInput => ({ kind: "text", text: t });
const reply = (id: string, title?: string): FlowInput => ({ kind: "reply", id, title });

/** Runs inputs in order from a fresh state; returns every result. */
function converse(doc: FlowDocument, inputs: FlowInput[], context = ctx()): StepResult[] {
  const results: StepResult[] = [];
  let state: FlowState = initialState();
  for (const input of inputs) {
    const r = step(doc, state, input, context);
    results.push(r);
    state = r.state;
  }
  return results;
}
const last = <T>(xs: T[]): T => xs[xs.length - 1];

// A menu with three options; "invalid" connected to a human.
function menuFlow(opts: { invalid?: boolean; settings?: Parameters<typeof flow>[2] } = {}) {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "welcome", type: "message", data: { text: "Hola {{contact.name}} 👋" } },
      {
        id: "menu",
        type: "buttons",
        data: {
          text: "¿En qué te ayudamos?",
          footer: "Atendo",
          variable: "area",
          buttons: [
            { id: "ventas", title: "Ventas" },
            { id: "soporte", title: "Soporte técnico" },
            { id: "pedido", title: "Mi pedido" },
          ],
        },
      },
      { id: "v", type: "end", data: { text: "Ventas: {{input}}" } },
      { id: "s", type: "end", data: { text: "Soporte" } },
      { id: "p", type: "end", data: { text: "Pedido" } },
      { id: "human", type: "handoff", data: { queue: "soporte", text: "Te paso con una persona ({{protocol}})" } },
    ],
    [
      ["start", "welcome"],
      ["welcome", "menu"],
      ["menu", "v", "ventas"],
      ["menu", "s", "soporte"],
      ["menu", "p", "pedido"],
      ...(opts.invalid ? ([["menu", "human", "invalid"]] as [string, string, string][]) : []),
    ],
    opts.settings,
  );
}

describe("initialState", () => {
  test("is an unstarted, empty state", () => {
    expect(initialState()).toEqual({ nodeId: null, status: "running", variables: {}, invalidAttempts: 0, path: [] });
  });
});

describe("start", () => {
  test("runs through non-waiting nodes to the first waiting node", () => {
    const r = step(menuFlow(), initialState(), START, ctx());
    expect(r.error).toBeUndefined();
    expect(r.state).toMatchObject({ nodeId: "menu", status: "waiting", invalidAttempts: 0 });
    expect(r.state.path).toEqual(["start", "welcome", "menu"]);
    expect(r.effects).toEqual([]);
    expect(r.outputs).toEqual([
      { kind: "text", text: "Hola Ana María 👋" },
      {
        kind: "buttons",
        text: "¿En qué te ayudamos?",
        footer: "Atendo",
        buttons: [
          { id: "ventas", title: "Ventas" },
          { id: "soporte", title: "Soporte técnico" },
          { id: "pedido", title: "Mi pedido" },
        ],
      },
    ]);
  });

  test("the first message is available as {{input}}", () => {
    const r = step(menuFlow(), initialState(), { kind: "start", text: " quiero info " }, ctx());
    expect(r.state.variables.input).toBe("quiero info");
  });

  test("a text before any start also starts the flow", () => {
    const r = step(menuFlow(), initialState(), text("hola"), ctx());
    expect(r.state).toMatchObject({ nodeId: "menu", status: "waiting" });
  });

  test("a start node with no edge ends gracefully", () => {
    const r = step(flow([{ id: "start", type: "start", data: {} }]), initialState(), START, ctx());
    expect(r.state).toMatchObject({ status: "ended", nodeId: "start" });
    expect(r.effects).toEqual([{ type: "close", reason: "end" }]);
    expect(r.outputs).toEqual([]);
  });

  test("no start node is a bad document handed to a human", () => {
    const r = step(flow([{ id: "m", type: "message", data: { text: "x" } }]), initialState(), START, ctx());
    expect(r.error?.code).toBe("bad_document");
    expect(r.state).toMatchObject({ status: "handoff", nodeId: null });
    expect(r.effects).toEqual([{ type: "handoff", queue: "", reason: "error" }]);
  });

  test("does not mutate the state it was given", () => {
    const doc = menuFlow();
    const s0 = step(doc, initialState(), START, ctx()).state;
    const frozen = clone(s0);
    step(doc, s0, reply("ventas"), ctx());
    step(doc, s0, text("nada que ver"), ctx());
    expect(s0).toEqual(frozen);
  });

  test("is deterministic", () => {
    const doc = menuFlow();
    expect(converse(doc, [START, text("2")])).toEqual(converse(doc, [START, text("2")]));
  });
});

describe("message node", () => {
  test("sends text, then media; audio has no caption; documents keep a filename", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "img", type: "message", data: { text: "Mira:", media: { kind: "image", url: "https://x.test/a.jpg", caption: "Foto de {{contact.name}}" } } },
        { id: "aud", type: "message", data: { text: "", media: { kind: "audio", url: "https://x.test/a.ogg", caption: "ignored" } } },
        { id: "doc", type: "message", data: { text: "", media: { kind: "document", url: "https://x.test/{{protocol}}.pdf", filename: "boleto-{{protocol}}.pdf" } } },
        { id: "end", type: "end", data: {} },
      ],
      [
        ["start", "img"],
        ["img", "aud"],
        ["aud", "doc"],
        ["doc", "end"],
      ],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.outputs).toEqual([
      { kind: "text", text: "Mira:" },
      { kind: "media", media: { kind: "image", url: "https://x.test/a.jpg", caption: "Foto de Ana María" } },
      { kind: "media", media: { kind: "audio", url: "https://x.test/a.ogg" } },
      {
        kind: "media",
        media: { kind: "document", url: "https://x.test/20250305-000042.pdf", filename: "boleto-20250305-000042.pdf" },
      },
    ]);
    expect(r.state.status).toBe("ended");
  });

  test("a message with no outgoing edge closes the conversation", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "bye", type: "message", data: { text: "Gracias" } },
      ],
      [["start", "bye"]],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.outputs).toEqual([{ kind: "text", text: "Gracias" }]);
    expect(r.effects).toEqual([{ type: "close", reason: "end" }]);
    expect(r.state).toMatchObject({ status: "ended", nodeId: "bye" });
  });

  test("missing template variables render empty", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "m", type: "message", data: { text: "Hola {{apodo}}, tu pedido {{pedido}} está listo" } },
      ],
      [["start", "m"]],
    );
    const r = step(doc, initialState(), START, ctx({ contact: { phone: "1" } }));
    expect(r.outputs).toEqual([{ kind: "text", text: "Hola , tu pedido  está listo" }]);
  });
});

describe("buttons node", () => {
  const started = () => step(menuFlow(), initialState(), START, ctx()).state;

  test.each([
    ["a tapped button id", reply("soporte", "Soporte técnico"), "s"],
    ["the option number", text("2"), "s"],
    ["the option number with a dot", text("2."), "s"],
    ["the option number with spaces", text("  3 "), "p"],
    ["the title, any case", text("VENTAS"), "v"],
    ["the title without accents", text("soporte tecnico"), "s"],
    ["the title with other accents", text("Sóporte Técnico"), "s"],
    ["a stale button id with a known title", reply("old_id", "Mi pedido"), "p"],
  ])("follows %s", (_name, input, target) => {
    const r = step(menuFlow(), started(), input, ctx());
    expect(r.state.path.at(-1)).toBe(target);
    expect(r.state.status).toBe("ended");
  });

  test("stores the chosen title in {{input}} and in the node's variable", () => {
    const r = step(menuFlow(), started(), text("1"), ctx());
    expect(r.state.variables).toMatchObject({ input: "Ventas", area: "Ventas" });
    expect(r.outputs).toEqual([{ kind: "text", text: "Ventas: Ventas" }]);
  });

  test("invalid input re-prompts with the invalid message, then follows `invalid` after maxInvalidAttempts", () => {
    const doc = menuFlow({ invalid: true });
    const [, first, second] = converse(doc, [START, text("no sé"), text("tampoco")]);
    expect(first.outputs[0]).toEqual({ kind: "text", text: "No entendí. Elige una de las opciones, por favor." });
    expect(first.outputs[1]).toMatchObject({ kind: "buttons" });
    expect(first.state).toMatchObject({ nodeId: "menu", status: "waiting", invalidAttempts: 1 });
    expect(second.state).toMatchObject({ nodeId: "human", status: "handoff", invalidAttempts: 0 });
    expect(second.outputs).toEqual([{ kind: "text", text: "Te paso con una persona (20250305-000042)" }]);
    expect(second.effects).toEqual([{ type: "handoff", queue: "soporte", reason: "node" }]);
  });

  test("without an `invalid` edge it keeps re-prompting", () => {
    const results = converse(menuFlow(), [START, text("x"), text("y"), text("z")]);
    const end = last(results);
    expect(end.state).toMatchObject({ nodeId: "menu", status: "waiting", invalidAttempts: 3 });
    expect(end.outputs.map((o) => o.kind)).toEqual(["text", "buttons"]);
  });

  test("a valid answer after invalid ones resets the counter", () => {
    const end = last(converse(menuFlow({ invalid: true }), [START, text("x"), text("1")]));
    expect(end.state).toMatchObject({ status: "ended", invalidAttempts: 0 });
  });

  test("maxInvalidAttempts comes from the settings", () => {
    const doc = menuFlow({ invalid: true, settings: { maxInvalidAttempts: 1, invalidInputMessage: "¿Perdón?" } });
    const [, first] = converse(doc, [START, text("x")]);
    expect(first.state.nodeId).toBe("human");
    const doc3 = menuFlow({ invalid: true, settings: { maxInvalidAttempts: 3, invalidInputMessage: "¿Perdón?" } });
    const results = converse(doc3, [START, text("x"), text("x"), text("x")]);
    expect(results[1].outputs[0]).toEqual({ kind: "text", text: "¿Perdón?" });
    expect(results[2].state.nodeId).toBe("menu");
    expect(results[3].state.nodeId).toBe("human");
  });

  test("unsupported messages (stickers, locations…) count as invalid input", () => {
    const doc = menuFlow({ invalid: true });
    const results = converse(doc, [START, { kind: "unsupported", messageType: "sticker" }, { kind: "unsupported", messageType: "location" }]);
    expect(results[1].state).toMatchObject({ nodeId: "menu", invalidAttempts: 1 });
    expect(results[2].state.nodeId).toBe("human");
  });

  test("an option without an edge ends the conversation gracefully", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "menu", type: "buttons", data: { text: "?", buttons: [{ id: "a", title: "A" }, { id: "b", title: "B" }] } },
        { id: "end", type: "end", data: {} },
      ],
      [
        ["start", "menu"],
        ["menu", "end", "a"],
      ],
    );
    const r = last(converse(doc, [START, reply("b")]));
    expect(r.state).toMatchObject({ status: "ended", nodeId: "menu" });
    expect(r.effects).toEqual([{ type: "close", reason: "end" }]);
  });

  test("a draft with more than 3 buttons is sent as a numbered text menu", () => {
    const buttons = ["A", "B", "C", "D"].map((t) => ({ id: t.toLowerCase(), title: t }));
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "menu", type: "buttons", data: { text: "Elige", buttons } },
        { id: "end", type: "end", data: { text: "D!" } },
      ],
      [
        ["start", "menu"],
        ["menu", "end", "d"],
      ],
    );
    const [first, second] = converse(doc, [START, text("4")]);
    expect(first.outputs).toEqual([{ kind: "text", text: "Elige\n1. A\n2. B\n3. C\n4. D" }]);
    expect(second.outputs).toEqual([{ kind: "text", text: "D!" }]);
  });
});

describe("list node", () => {
  const doc = flow(
    [
      { id: "start", type: "start", data: {} },
      {
        id: "list",
        type: "list",
        data: {
          text: "Elige un tema",
          header: "Ayuda",
          buttonLabel: "Ver temas",
          sections: [
            { title: "Hogar", rows: [{ id: "internet", title: "Internet", description: "Fibra y wifi" }, { id: "tv", title: "Televisión" }] },
            { title: "Móvil", rows: [{ id: "plan", title: "Plan móvil" }, { id: "roaming", title: "Roaming" }] },
          ],
        },
      },
      { id: "a", type: "end", data: { text: "internet" } },
      { id: "b", type: "end", data: { text: "tv" } },
      { id: "c", type: "end", data: { text: "plan" } },
      { id: "d", type: "end", data: { text: "roaming" } },
      { id: "help", type: "handoff", data: { queue: "soporte" } },
    ],
    [
      ["start", "list"],
      ["list", "a", "internet"],
      ["list", "b", "tv"],
      ["list", "c", "plan"],
      ["list", "d", "roaming"],
      ["list", "help", "invalid"],
    ],
  );

  test("prompts with sections", () => {
    const r = step(doc, initialState(), START, ctx());
    expect(r.outputs).toEqual([
      {
        kind: "list",
        text: "Elige un tema",
        header: "Ayuda",
        buttonLabel: "Ver temas",
        sections: [
          { title: "Hogar", rows: [{ id: "internet", title: "Internet", description: "Fibra y wifi" }, { id: "tv", title: "Televisión" }] },
          { title: "Móvil", rows: [{ id: "plan", title: "Plan móvil" }, { id: "roaming", title: "Roaming" }] },
        ],
      },
    ]);
  });

  test.each([
    [reply("plan", "Plan móvil"), "plan"],
    [text("4"), "roaming"],
    [text("3."), "plan"],
    [text("television"), "tv"],
    [text("PLAN MOVIL"), "plan"],
  ])("matches %j across sections", (input, expected) => {
    const r = last(converse(doc, [START, input]));
    expect(r.outputs).toEqual([{ kind: "text", text: expected }]);
  });

  test("invalid answers re-send the list, then go to `invalid`", () => {
    const results = converse(doc, [START, text("5"), text("hola")]);
    expect(results[1].outputs.map((o) => o.kind)).toEqual(["text", "list"]);
    expect(results[2].state).toMatchObject({ status: "handoff", nodeId: "help" });
  });
});

describe("question node", () => {
  function questionFlow(validation: Record<string, unknown>, errorText?: string) {
    return flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "q", type: "question", data: { text: "¿Dato?", variable: "dato", validation, errorText } },
        { id: "ok", type: "end", data: { text: "Gracias, {{dato}} / {{input}}" } },
        { id: "bad", type: "handoff", data: { queue: "soporte" } },
      ],
      [
        ["start", "q"],
        ["q", "ok"],
        ["q", "bad", "invalid"],
      ],
    );
  }

  test.each([
    [{ kind: "any" }, "lo que sea", true],
    [{ kind: "text", min: 2, max: 5 }, "abc", true],
    [{ kind: "text", min: 2, max: 5 }, "a", false],
    [{ kind: "text", min: 2, max: 5 }, "abcdef", false],
    [{ kind: "number" }, "3,5", true],
    [{ kind: "number", min: 18, max: 99 }, "17", false],
    [{ kind: "number", min: 18, max: 99 }, "18", true],
    [{ kind: "number" }, "diez", false],
    [{ kind: "email" }, "ana@example.com", true],
    [{ kind: "email" }, "ana@", false],
    [{ kind: "phone" }, "+55 11 98765-4321", true],
    [{ kind: "phone" }, "123", false],
    [{ kind: "date" }, "05/03/2025", true],
    [{ kind: "date" }, "32/01/2025", false],
    [{ kind: "regex", pattern: "^\\d{6}$" }, "123456", true],
    [{ kind: "regex", pattern: "^\\d{6}$" }, "12345", false],
  ])("validation %j with %j -> valid=%s", (validation, answer, valid) => {
    const r = last(converse(questionFlow(validation), [START, text(answer)]));
    if (valid) {
      expect(r.state.status).toBe("ended");
      expect(r.state.variables).toMatchObject({ dato: answer, input: answer });
      expect(r.outputs).toEqual([{ kind: "text", text: `Gracias, ${answer} / ${answer}` }]);
    } else {
      expect(r.state).toMatchObject({ status: "waiting", nodeId: "q", invalidAttempts: 1 });
      expect(r.state.variables.dato).toBeUndefined();
    }
  });

  test("uses the question's errorText and re-asks", () => {
    const r = last(converse(questionFlow({ kind: "email" }, "Ese correo no es válido"), [START, text("nope")]));
    expect(r.outputs).toEqual([
      { kind: "text", text: "Ese correo no es válido" },
      { kind: "text", text: "¿Dato?" },
    ]);
  });

  test("falls back to the flow's invalid message", () => {
    const r = last(converse(questionFlow({ kind: "email" }), [START, text("nope")]));
    expect(r.outputs[0]).toEqual({ kind: "text", text: "No entendí. Elige una de las opciones, por favor." });
  });

  test("follows `invalid` after too many attempts", () => {
    const r = last(converse(questionFlow({ kind: "email" }), [START, text("a"), text("b")]));
    expect(r.state).toMatchObject({ status: "handoff", nodeId: "bad" });
  });

  test("a tapped reply answers with its title", () => {
    const r = last(converse(questionFlow({ kind: "any" }), [START, reply("x", "Sí")]));
    expect(r.state.variables.dato).toBe("Sí");
  });

  test("a regex that does not compile is a runtime error handed to a human", () => {
    const r = last(converse(questionFlow({ kind: "regex", pattern: "([a-z" }), [START, text("abc")]));
    expect(r.error?.code).toBe("runtime");
    expect(r.state.status).toBe("handoff");
    expect(r.effects).toEqual([{ type: "handoff", queue: "", reason: "error" }]);
  });
});

describe("condition node", () => {
  function conditionFlow(rules: Record<string, unknown>[], vars: Record<string, string> = {}) {
    const setters = Object.entries(vars).map(([variable, value], i) => ({
      id: `set${i}`,
      type: "set_variable" as const,
      data: { variable, value },
    }));
    const chain = ["start", ...setters.map((s) => s.id), "cond"];
    return flow(
      [
        { id: "start", type: "start", data: {} },
        ...setters,
        { id: "cond", type: "condition", data: { rules: rules as never } },
        ...rules.map((r, i) => ({ id: `out${i}`, type: "end" as const, data: { text: `rule ${String(r.id)}` } })),
        { id: "else", type: "end", data: { text: "else" } },
      ],
      [
        ...chain.slice(1).map((id, i): [string, string] => [chain[i], id]),
        ...rules.map((r, i): [string, string, string] => ["cond", `out${i}`, String(r.id)]),
        ["cond", "else", "else"],
      ],
    );
  }
  const outcome = (doc: FlowDocument, context = ctx()) => step(doc, initialState(), START, context).outputs[0];

  test.each([
    ["equals", "plan", "Premium", "premium", true],
    ["equals", "plan", "Básico", "basico", true],
    ["equals", "plan", "Premium", "basico", false],
    ["not_equals", "plan", "Premium", "basico", true],
    ["contains", "msg", "Quiero cancelar mi plan", "CANCELAR", true],
    ["contains", "msg", "Quiero info", "cancelar", false],
    ["starts_with", "cep", "01310-100", "013", true],
    ["starts_with", "cep", "21310-100", "013", false],
    ["matches", "cep", "01310-100", "^\\d{5}-\\d{3}$", true],
    ["matches", "cep", "0131", "^\\d{5}-\\d{3}$", false],
    ["gt", "edad", "18", "17", true],
    ["gt", "edad", "17", "17", false],
    ["gte", "edad", "17", "17", true],
    ["lt", "total", "99,90", "100", true],
    ["lte", "total", "100", "100", true],
    ["lt", "total", "abc", "100", false],
  ])("%s: %s=%j vs %j -> %s", (operator, variable, value, compare, expected) => {
    const doc = conditionFlow([{ id: "r", variable, operator, value: compare }], { [variable]: value });
    expect(outcome(doc)).toEqual({ kind: "text", text: expected ? "rule r" : "else" });
  });

  test("is_set and is_empty", () => {
    expect(outcome(conditionFlow([{ id: "r", variable: "x", operator: "is_set" }], { x: "1" }))).toEqual({ kind: "text", text: "rule r" });
    expect(outcome(conditionFlow([{ id: "r", variable: "x", operator: "is_set" }]))).toEqual({ kind: "text", text: "else" });
    expect(outcome(conditionFlow([{ id: "r", variable: "x", operator: "is_empty" }]))).toEqual({ kind: "text", text: "rule r" });
    expect(outcome(conditionFlow([{ id: "r", variable: "x", operator: "is_empty" }], { x: "  " }))).toEqual({ kind: "text", text: "rule r" });
  });

  test("built-in variables can be compared", () => {
    const doc = conditionFlow([{ id: "r", variable: "contact.phone", operator: "starts_with", value: "55" }]);
    expect(outcome(doc)).toEqual({ kind: "text", text: "rule r" });
  });

  test("values are templates", () => {
    const doc = conditionFlow([{ id: "r", variable: "a", operator: "equals", value: "{{b}}" }], { a: "x", b: "X" });
    expect(outcome(doc)).toEqual({ kind: "text", text: "rule r" });
  });

  test("the first matching rule wins", () => {
    const doc = conditionFlow(
      [
        { id: "one", variable: "n", operator: "gt", value: "1" },
        { id: "two", variable: "n", operator: "gt", value: "0" },
      ],
      { n: "5" },
    );
    expect(outcome(doc)).toEqual({ kind: "text", text: "rule one" });
  });

  describe("business_hours", () => {
    const open = conditionFlow([{ id: "open", variable: "", operator: "business_hours", value: "open" }]);
    const closed = conditionFlow([{ id: "closed", variable: "", operator: "business_hours", value: "closed" }]);
    const noValue = conditionFlow([{ id: "open", variable: "", operator: "business_hours" }]);
    const late: BusinessHours = { ...defaultBusinessHours(), weekly: { ...defaultBusinessHours().weekly, fri: [{ start: "09:00", end: "23:00" }] } };

    test("open / closed in São Paulo", () => {
      const noon = ctx({ now: new Date("2025-03-05T15:00:00Z") });
      const night = ctx({ now: new Date("2025-03-05T23:30:00Z") }); // 20:30 local
      expect(outcome(open, noon)).toEqual({ kind: "text", text: "rule open" });
      expect(outcome(noValue, noon)).toEqual({ kind: "text", text: "rule open" });
      expect(outcome(open, night)).toEqual({ kind: "text", text: "else" });
      expect(outcome(closed, night)).toEqual({ kind: "text", text: "rule closed" });
    });

    test("around midnight the workspace's time zone decides", () => {
      const now = new Date("2025-03-08T01:00:00Z"); // Friday 22:00 in São Paulo, Saturday 01:00 UTC
      expect(outcome(open, ctx({ now, businessHours: late }))).toEqual({ kind: "text", text: "rule open" });
      expect(outcome(open, ctx({ now, businessHours: { ...late, timeZone: "UTC" } }))).toEqual({ kind: "text", text: "else" });
    });

    test("holidays are closed", () => {
      const now = new Date("2025-03-05T15:00:00Z");
      const holiday = { ...defaultBusinessHours(), holidays: ["2025-03-05"] };
      expect(outcome(open, ctx({ now, businessHours: holiday }))).toEqual({ kind: "text", text: "else" });
      expect(outcome(closed, ctx({ now, businessHours: holiday }))).toEqual({ kind: "text", text: "rule closed" });
    });
  });

  test("a matched rule without an edge ends gracefully", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "cond", type: "condition", data: { rules: [{ id: "r", variable: "contact.phone", operator: "is_set" }] } },
      ],
      [["start", "cond"]],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.state).toMatchObject({ status: "ended", nodeId: "cond" });
  });

  test("an invalid regex at run time hands off with a runtime error, never throws", () => {
    const doc = conditionFlow([{ id: "r", variable: "x", operator: "matches", value: "([" }], { x: "1" });
    const r = step(doc, initialState(), START, ctx());
    expect(r.error?.code).toBe("runtime");
    expect(r.state).toMatchObject({ status: "handoff", nodeId: "cond" });
    expect(r.effects).toEqual([{ type: "handoff", queue: "", reason: "error" }]);
  });
});

describe("set_variable node", () => {
  test("renders its template value", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "a", type: "set_variable", data: { variable: "saludo", value: "Hola {{contact.name}} #{{protocol}}" } },
        { id: "b", type: "set_variable", data: { variable: "copia", value: "{{saludo}}!" } },
        { id: "end", type: "end", data: { text: "{{copia}}" } },
      ],
      [
        ["start", "a"],
        ["a", "b"],
        ["b", "end"],
      ],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.state.variables).toMatchObject({ saludo: "Hola Ana María #20250305-000042", copia: "Hola Ana María #20250305-000042!" });
    expect(r.outputs).toEqual([{ kind: "text", text: "Hola Ana María #20250305-000042!" }]);
  });

  test("a variable named __proto__ is stored as data", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "a", type: "set_variable", data: { variable: "__proto__", value: "x" } },
        { id: "end", type: "end", data: { text: "{{__proto__}}" } },
      ],
      [
        ["start", "a"],
        ["a", "end"],
      ],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(Object.getPrototypeOf(r.state.variables)).toBe(Object.prototype);
    expect(Object.hasOwn(r.state.variables, "__proto__")).toBe(true);
    expect(r.outputs).toEqual([{ kind: "text", text: "x" }]);
  });
});

describe("http_request node", () => {
  const doc = flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "ask", type: "question", data: { text: "¿Pedido?", variable: "pedido" } },
      {
        id: "api",
        type: "http_request",
        data: {
          method: "POST",
          url: "https://api.example.com/orders/{{pedido}}?who={{contact.name}}",
          headers: { Authorization: "Bearer {{token}}", "X-Protocol": "{{protocol}}" },
          body: '{"order":"{{pedido}}","name":"{{contact.name}}"}',
          timeoutMs: 4000,
          save: [
            { variable: "estado", path: "status" },
            { variable: "cliente", path: "customer.name" },
            { variable: "primero", path: "items[0].sku" },
            { variable: "http_status", path: "status_code" },
            { variable: "envelope", path: "data.status" },
          ],
        },
      },
      { id: "ok", type: "end", data: { text: "Pedido {{estado}} de {{cliente}} ({{primero}})" } },
      { id: "fail", type: "handoff", data: { queue: "soporte", text: "No pudimos consultar tu pedido" } },
    ],
    [
      ["start", "ask"],
      ["ask", "api"],
      ["api", "ok", "success"],
      ["api", "fail", "error"],
    ],
  );

  const atApi = () => converse(doc, [START, text('12 "34"&x')]);

  test("emits an http_request effect with templated, escaped url, headers and body", () => {
    const r = last(atApi());
    expect(r.state).toMatchObject({ status: "awaiting_http", nodeId: "api" });
    expect(r.outputs).toEqual([]);
    expect(r.effects).toEqual([
      {
        type: "http_request",
        nodeId: "api",
        request: {
          method: "POST",
          url: "https://api.example.com/orders/12%20%2234%22%26x?who=Ana%20Mar%C3%ADa",
          headers: { Authorization: "Bearer ", "X-Protocol": "20250305-000042", "Content-Type": "application/json" },
          body: '{"order":"12 \\"34\\"&x","name":"Ana María"}',
          timeoutMs: 4000,
        },
      },
    ]);
    const body = (r.effects[0] as { request: { body: string } }).request.body;
    expect(JSON.parse(body)).toEqual({ order: '12 "34"&x', name: "Ana María" });
  });

  test("resumes on success, saving values from the JSON body", () => {
    const waiting = last(atApi()).state;
    const r = step(
      doc,
      waiting,
      { kind: "http_result", ok: true, status: 200, data: { status: "enviado", customer: { name: "Ana" }, items: [{ sku: 7 }] } },
      ctx(),
    );
    expect(r.state.variables).toMatchObject({ estado: "enviado", cliente: "Ana", primero: "7", http_status: "", envelope: "enviado" });
    expect(r.outputs).toEqual([{ kind: "text", text: "Pedido enviado de Ana (7)" }]);
    expect(r.state.status).toBe("ended");
  });

  test("resumes on the error handle when the call failed", () => {
    const waiting = last(atApi()).state;
    const r = step(doc, waiting, { kind: "http_result", ok: false, status: 503, error: "Service Unavailable" }, ctx());
    expect(r.state).toMatchObject({ status: "handoff", nodeId: "fail" });
    expect(r.outputs).toEqual([{ kind: "text", text: "No pudimos consultar tu pedido" }]);
    expect(r.state.variables.estado).toBeUndefined();
  });

  test("customer messages while the call is pending change nothing", () => {
    const waiting = last(atApi()).state;
    const r = step(doc, waiting, text("¿hola?"), ctx());
    expect(r.state).toEqual(waiting);
    expect(r.outputs).toEqual([]);
  });

  test("a stale http_result outside awaiting_http is ignored", () => {
    const asking = step(doc, initialState(), START, ctx()).state;
    const r = step(doc, asking, { kind: "http_result", ok: true, data: {} }, ctx());
    expect(r.state).toEqual(asking);
    expect(r.effects).toEqual([]);
  });

  test("GET requests carry no body; a leading {{base}} URL is not encoded", () => {
    const getDoc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "base", type: "set_variable", data: { variable: "base", value: "https://api.example.com/v1" } },
        { id: "api", type: "http_request", data: { method: "GET", url: "{{base}}/x", body: "{}" } },
      ],
      [
        ["start", "base"],
        ["base", "api"],
      ],
    );
    const r = step(getDoc, initialState(), START, ctx());
    expect(r.effects[0]).toEqual({
      type: "http_request",
      nodeId: "api",
      request: { method: "GET", url: "https://api.example.com/v1/x", headers: {}, timeoutMs: 10000 },
    });
  });

  test("a missing success edge ends gracefully", () => {
    const d = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "api", type: "http_request", data: { url: "https://x.test" } },
      ],
      [["start", "api"]],
    );
    const s = step(d, initialState(), START, ctx()).state;
    const r = step(d, s, { kind: "http_result", ok: true, data: {} }, ctx());
    expect(r.state).toMatchObject({ status: "ended", nodeId: "api" });
    expect(r.effects).toEqual([{ type: "close", reason: "end" }]);
  });
});

describe("handoff and end", () => {
  test("handoff emits text, the effect with its queue and note, and stops", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "h", type: "handoff", data: { queue: "ventas", text: "Ya te atienden. Protocolo {{protocol}}", note: "Cliente {{contact.name}}" } },
      ],
      [["start", "h"]],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.outputs).toEqual([{ kind: "text", text: "Ya te atienden. Protocolo 20250305-000042" }]);
    expect(r.effects).toEqual([{ type: "handoff", queue: "ventas", reason: "node", note: "Cliente Ana María" }]);
    expect(r.state).toMatchObject({ status: "handoff", nodeId: "h" });
    const after = step(doc, r.state, text("hola?"), ctx());
    expect(after).toEqual({ state: r.state, outputs: [], effects: [] });
  });

  test("end closes; input afterwards produces nothing", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "end", type: "end", data: {} },
      ],
      [["start", "end"]],
    );
    const r = step(doc, initialState(), START, ctx());
    expect(r.outputs).toEqual([]);
    expect(r.effects).toEqual([{ type: "close", reason: "end" }]);
    expect(r.state).toMatchObject({ status: "ended", nodeId: "end" });
    expect(step(doc, r.state, reply("x"), ctx()).outputs).toEqual([]);
  });

  test("a start input begins a new conversation even from a finished state, without old variables", () => {
    const doc = menuFlow();
    const done = last(converse(doc, [START, text("1")])).state;
    expect(done.status).toBe("ended");
    const again = step(doc, done, START, ctx());
    expect(again.state).toMatchObject({ status: "waiting", nodeId: "menu", variables: {}, path: ["start", "welcome", "menu"] });
  });
});

describe("global keywords", () => {
  const settings = {
    globalKeywords: [
      { keywords: ["menu", "inicio"], action: "restart" as const },
      { keywords: ["agente", "humano"], action: "handoff" as const, queue: "soporte", text: "Te paso con alguien" },
      { keywords: ["salir"], action: "end" as const, text: "¡Hasta luego!" },
    ],
  };
  const doc = flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "menu", type: "buttons", data: { text: "Menú", buttons: [{ id: "q", title: "Pregunta" }, { id: "menu_btn", title: "Inicio rápido" }] } },
      { id: "q", type: "question", data: { text: "¿Nombre?", variable: "nombre" } },
      { id: "end", type: "end", data: { text: "Fin" } },
    ],
    [
      ["start", "menu"],
      ["menu", "q", "q"],
      ["menu", "end", "menu_btn"],
      ["q", "end"],
    ],
    settings,
  );

  test("restart wins over a question's answer", () => {
    const r = last(converse(doc, [START, reply("q"), text("Menú")]));
    expect(r.state).toMatchObject({ nodeId: "menu", status: "waiting", invalidAttempts: 0 });
    expect(r.state.variables.nombre).toBeUndefined();
    expect(r.outputs[0]).toMatchObject({ kind: "buttons", text: "Menú" });
  });

  test("handoff keyword, case- and accent-insensitive", () => {
    const r = last(converse(doc, [START, text("  HUMANO ")]));
    expect(r.outputs).toEqual([{ kind: "text", text: "Te paso con alguien" }]);
    expect(r.effects).toEqual([{ type: "handoff", queue: "soporte", reason: "keyword" }]);
    expect(r.state).toMatchObject({ status: "handoff", nodeId: "menu" });
  });

  test("end keyword closes with reason keyword", () => {
    const r = last(converse(doc, [START, text("salir")]));
    expect(r.effects).toEqual([{ type: "close", reason: "keyword" }]);
    expect(r.outputs).toEqual([{ kind: "text", text: "¡Hasta luego!" }]);
    expect(r.state.status).toBe("ended");
  });

  test("only the whole text triggers a keyword", () => {
    const r = last(converse(doc, [START, reply("q"), text("quiero el menu")]));
    expect(r.state.variables.nombre).toBe("quiero el menu");
  });

  test("the first message of a conversation can be a keyword", () => {
    const r = step(doc, initialState(), { kind: "start", text: "agente" }, ctx());
    expect(r.effects).toEqual([{ type: "handoff", queue: "soporte", reason: "keyword" }]);
    expect(r.state).toMatchObject({ status: "handoff", nodeId: null });
  });

  test("tapped replies are matched as options, not keywords", () => {
    const r = last(converse(doc, [START, reply("menu_btn", "Inicio rápido")]));
    expect(r.outputs).toEqual([{ kind: "text", text: "Fin" }]);
  });

  test("keywords also work while an HTTP call is pending", () => {
    const d = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "api", type: "http_request", data: { url: "https://x.test" } },
      ],
      [["start", "api"]],
      settings,
    );
    const s = step(d, initialState(), START, ctx()).state;
    expect(s.status).toBe("awaiting_http");
    const r = step(d, s, text("agente"), ctx());
    expect(r.state.status).toBe("handoff");
  });
});

describe("loop guard", () => {
  const loop = flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "a", type: "message", data: { text: "spam" } },
      { id: "b", type: "set_variable", data: { variable: "n", value: "{{n}}1" } },
    ],
    [
      ["start", "a"],
      ["a", "b"],
      ["b", "a"],
    ],
  );

  test("stops after maxSteps node visits with a step_limit error and a handoff to the default queue", () => {
    const r = step(loop, initialState(), START, ctx());
    expect(r.error?.code).toBe("step_limit");
    expect(r.state.status).toBe("handoff");
    expect(r.state.path).toHaveLength(100);
    expect(["a", "b"]).toContain(r.state.nodeId);
    expect(r.effects).toEqual([{ type: "handoff", queue: "", reason: "error" }]);
    expect(r.outputs).toEqual([]); // a loop must not flood the customer
  });

  test("maxSteps comes from the context", () => {
    const r = step(loop, initialState(), START, ctx({ maxSteps: 7 }));
    expect(r.error?.code).toBe("step_limit");
    expect(r.state.path).toHaveLength(7);
  });

  test("a loop through a waiting node is fine", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "menu", type: "buttons", data: { text: "?", buttons: [{ id: "again", title: "Otra vez" }] } },
        { id: "m", type: "message", data: { text: "ok" } },
      ],
      [
        ["start", "menu"],
        ["menu", "m", "again"],
        ["m", "menu"],
      ],
    );
    const results = converse(doc, [START, ...Array.from({ length: 150 }, () => reply("again"))]);
    const end = last(results);
    expect(end.error).toBeUndefined();
    expect(end.state).toMatchObject({ status: "waiting", nodeId: "menu" });
    expect(end.state.path).toHaveLength(200); // capped
  });
});

describe("robustness", () => {
  test("a state pointing at a deleted node restarts from the start", () => {
    const doc = menuFlow();
    const stale: FlowState = { nodeId: "gone", status: "waiting", variables: { a: "1" }, invalidAttempts: 1, path: ["x"] };
    const r = step(doc, stale, text("1"), ctx());
    expect(r.state).toMatchObject({ nodeId: "menu", status: "waiting", invalidAttempts: 0, variables: { a: "1" } });
    expect(r.outputs.map((o) => o.kind)).toEqual(["text", "buttons"]);
  });

  test("an awaiting_http state whose node vanished restarts on the result", () => {
    const stale: FlowState = { nodeId: "gone", status: "awaiting_http", variables: {}, invalidAttempts: 0, path: [] };
    const r = step(menuFlow(), stale, { kind: "http_result", ok: true }, ctx());
    expect(r.state.nodeId).toBe("menu");
  });

  test("edges to missing nodes are ignored (conversation ends gracefully)", () => {
    const doc = flow([{ id: "start", type: "start", data: {} }], [["start", "ghost"]]);
    const r = step(doc, initialState(), START, ctx());
    expect(r.state.status).toBe("ended");
    expect(r.error).toBeUndefined();
  });

  test("the index follows immutable updates of the same document object", () => {
    const doc = menuFlow();
    step(doc, initialState(), START, ctx());
    const updated = { ...doc, nodes: doc.nodes.map((n) => (n.id === "welcome" ? { ...n, data: { text: "Nuevo" } } : n)) };
    expect(step(updated as FlowDocument, initialState(), START, ctx()).outputs[0]).toEqual({ kind: "text", text: "Nuevo" });
  });
});
