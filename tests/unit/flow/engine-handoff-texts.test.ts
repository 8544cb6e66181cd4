import { describe, expect, test } from "vitest";
import { initialState, step } from "@/lib/flow/engine";
import { ctx, flow } from "./helpers";

// Every path into a queue tells the customer the protocol; outside business hours a handoff
// step may say something else; a returning customer's quoted protocol is visible to the flow.

const NOTICE = "Te atenderá una persona. Tu protocolo es {{protocol}}.";
const OPEN = new Date("2025-03-05T15:00:00Z"); // Wednesday 12:00 in São Paulo (default hours: open)
const CLOSED = new Date("2025-03-09T15:00:00Z"); // Sunday
const texts = (r: ReturnType<typeof step>) => r.outputs.map((o) => (o.kind === "text" ? o.text : `[${o.kind}]`));

describe("handoff texts", () => {
  const doc = flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "menu", type: "buttons", data: { text: "¿Qué necesitas?", buttons: [{ id: "a", title: "Persona" }, { id: "b", title: "Callada" }] } },
      { id: "human", type: "handoff", data: { queue: "soporte", text: "Ya te atiende Ana. Protocolo {{protocol}}.", outsideHoursText: "Te respondemos apenas abramos. Protocolo {{protocol}}." } },
      { id: "silent", type: "handoff", data: { queue: "ventas" } },
    ],
    [
      ["start", "menu"],
      ["menu", "human", "a"],
      ["menu", "silent", "b"],
    ],
    { globalKeywords: [{ keywords: ["agente"], action: "handoff", queue: "soporte" }] },
  );
  const atMenu = step(doc, initialState(), { kind: "start" }, ctx()).state;

  test("a global keyword without text says the workspace's notice, with the protocol", () => {
    const r = step(doc, atMenu, { kind: "text", text: "Agente" }, ctx({ handoffNotice: NOTICE }));
    expect(texts(r)).toEqual(["Te atenderá una persona. Tu protocolo es 20250305-000042."]);
    expect(r.effects).toEqual([{ type: "handoff", queue: "soporte", reason: "keyword" }]);
  });

  test("a handoff step without text says the notice too; one with text says its own", () => {
    expect(texts(step(doc, atMenu, { kind: "reply", id: "b" }, ctx({ handoffNotice: NOTICE })))).toEqual(["Te atenderá una persona. Tu protocolo es 20250305-000042."]);
    expect(texts(step(doc, atMenu, { kind: "reply", id: "a" }, ctx({ handoffNotice: NOTICE, now: OPEN })))).toEqual(["Ya te atiende Ana. Protocolo 20250305-000042."]);
  });

  test("outside business hours the step's outside-hours text replaces its text", () => {
    expect(texts(step(doc, atMenu, { kind: "reply", id: "a" }, ctx({ handoffNotice: NOTICE, now: CLOSED })))).toEqual(["Te respondemos apenas abramos. Protocolo 20250305-000042."]);
    // Without an outside-hours text, the notice (or the step's text) is said whatever the hour.
    expect(texts(step(doc, atMenu, { kind: "reply", id: "b" }, ctx({ handoffNotice: NOTICE, now: CLOSED })))).toEqual(["Te atenderá una persona. Tu protocolo es 20250305-000042."]);
  });
});

describe("a returning customer's quoted protocol", () => {
  const doc = flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "returning", type: "condition", data: { rules: [{ id: "quoted", variable: "quotedProtocol", operator: "is_set" }] } },
      { id: "again", type: "buttons", data: { text: "¿Seguimos con {{quotedProtocol}}?", buttons: [{ id: "yes", title: "Sí" }] } },
      { id: "back", type: "handoff", data: { queue: "soporte", returnToQuoted: true, text: "Volvemos a {{quotedProtocol}}; protocolo {{protocol}}." } },
      { id: "hello", type: "message", data: { text: "Hola" } },
    ],
    [
      ["start", "returning"],
      ["returning", "again", "quoted"],
      ["returning", "hello", "else"],
      ["again", "back", "yes"],
    ],
  );

  test("is the variable quotedProtocol, for templates and conditions, kept for later steps", () => {
    const first = step(doc, initialState(), { kind: "start", text: "mi protocolo es 20250301-000007" }, ctx({ quotedProtocol: "20250301-000007" }));
    expect(texts(first)).toEqual(["[buttons]"]);
    expect(first.outputs[0]).toMatchObject({ text: "¿Seguimos con 20250301-000007?" });
    const second = step(doc, first.state, { kind: "reply", id: "yes" }, ctx());
    expect(texts(second)).toEqual(["Volvemos a 20250301-000007; protocolo 20250305-000042."]);
    expect(second.effects).toEqual([{ type: "handoff", queue: "soporte", reason: "node", returnToQuoted: true }]);
  });

  test("is unset when the customer quoted nothing (or nothing of theirs)", () => {
    const r = step(doc, initialState(), { kind: "start", text: "hola 20250301-000007" }, ctx());
    expect(texts(r)).toEqual(["Hola"]);
    expect(r.state.variables.quotedProtocol).toBeUndefined();
  });
});
