import { describe, expect, test } from "vitest";
import { initialState, step } from "@/lib/flow/engine";
import { flowDocumentSchema } from "@/lib/flow/schema";

// The engine reports each answer taken at a waiting node (valid or not) for the analytics
// overlay's invalid rate; keywords and restarts are no answers.
const doc = flowDocumentSchema.parse({
  schemaVersion: 1,
  settings: { maxInvalidAttempts: 2, globalKeywords: [{ keywords: ["menu"], action: "restart" }] },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    { id: "menu", type: "buttons", position: { x: 0, y: 100 }, data: { text: "¿Qué?", buttons: [{ id: "a", title: "A" }] } },
    { id: "done", type: "end", position: { x: 0, y: 200 }, data: {} },
    { id: "oops", type: "end", position: { x: 200, y: 200 }, data: {} },
  ],
  edges: [
    { id: "e1", source: "start", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "a", target: "done" },
    { id: "e3", source: "menu", sourceHandle: "invalid", target: "oops" },
  ],
});
const ctx = { now: new Date("2026-03-02T12:00:00Z"), businessHours: { timeZone: "UTC", weekly: {}, holidays: [] }, contact: { phone: "1" }, protocol: "20260302-000001" } as never;

describe("answers reported by the engine", () => {
  const atMenu = step(doc, initialState(), { kind: "start", text: "hola" }, ctx).state;

  test("starting is no answer", () => {
    expect(step(doc, initialState(), { kind: "start", text: "hola" }, ctx).answered).toBeUndefined();
  });
  test("a valid answer, an invalid one, and the invalid edge after the last attempt", () => {
    expect(step(doc, atMenu, { kind: "reply", id: "a" }, ctx).answered).toEqual({ nodeId: "menu", valid: true });
    const first = step(doc, atMenu, { kind: "text", text: "zzz" }, ctx);
    expect(first.answered).toEqual({ nodeId: "menu", valid: false });
    const second = step(doc, first.state, { kind: "text", text: "zzz" }, ctx);
    expect(second.answered).toEqual({ nodeId: "menu", valid: false });
    expect(second.state.nodeId).toBe("oops");
  });
  test("a keyword is no answer", () => {
    expect(step(doc, atMenu, { kind: "text", text: "menu" }, ctx).answered).toBeUndefined();
  });
});
