import { describe, expect, test } from "vitest";
import { diffFlows, hasContentChanges } from "@/lib/flow/diff";
import { generateFlow } from "@/lib/flow/generate";
import { type FlowDocument, flowDocumentSchema, nodeHandles } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";
import { clone, flow } from "./helpers";

const before = flow(
  [
    { id: "start", type: "start", data: {} },
    { id: "menu", type: "buttons", data: { text: "Hola", buttons: [{ id: "a", title: "A" }, { id: "b", title: "B" }] } },
    { id: "old", type: "end", data: { text: "Chau" } },
  ],
  [
    ["start", "menu"],
    ["menu", "old", "a"],
    ["menu", "old", "b"],
  ],
);

describe("diffFlows", () => {
  test("identical documents have no differences", () => {
    const d = diffFlows(before, clone(before));
    expect(hasContentChanges(d)).toBe(false);
    expect(d.nodes.moved).toEqual([]);
  });

  test("added, removed and changed nodes, field by field", () => {
    const after = clone(before);
    const menu = after.nodes[1];
    if (menu.type !== "buttons") throw new Error();
    menu.data.text = "Hola de nuevo";
    menu.data.buttons[1].title = "Bee";
    menu.data.buttons.push({ id: "c", title: "C" });
    after.nodes = after.nodes.filter((n) => n.id !== "old");
    after.nodes.push({ id: "new", type: "handoff", position: { x: 1, y: 1 }, data: { queue: "soporte" } });
    const d = diffFlows(before, after);
    expect(d.nodes.added.map((n) => n.id)).toEqual(["new"]);
    expect(d.nodes.removed.map((n) => n.id)).toEqual(["old"]);
    expect(d.nodes.changed).toHaveLength(1);
    expect(d.nodes.changed[0].id).toBe("menu");
    expect(d.nodes.changed[0].fields).toEqual([
      { path: "data.text", before: "Hola", after: "Hola de nuevo" },
      { path: "data.buttons.1.title", before: "B", after: "Bee" },
      { path: "data.buttons.2", before: undefined, after: { id: "c", title: "C" } },
    ]);
  });

  test("moving a node is not a content change", () => {
    const after = clone(before);
    after.nodes[1].position = { x: 500, y: 500 };
    const d = diffFlows(before, after);
    expect(d.nodes.changed).toEqual([]);
    expect(d.nodes.moved).toEqual(["menu"]);
    expect(hasContentChanges(d)).toBe(false);
  });

  test("edges: re-targeted, added, removed; null and 'default' handles are the same", () => {
    const after = clone(before);
    after.edges[0].sourceHandle = "default";
    after.edges[1].target = "start";
    after.edges = after.edges.filter((e) => e.id !== "e3");
    after.edges.push({ id: "e9", source: "menu", target: "old", sourceHandle: "b" });
    const d = diffFlows(before, after);
    expect(d.edges.changed).toEqual([
      { id: "e2", before: before.edges[1], after: after.edges[1], fields: [{ path: "target", before: "old", after: "start" }] },
    ]);
    expect(d.edges.removed.map((e) => e.id)).toEqual(["e3"]);
    expect(d.edges.added.map((e) => e.id)).toEqual(["e9"]);
  });

  test("settings changes", () => {
    const after = clone(before);
    after.settings.maxInvalidAttempts = 3;
    after.settings.globalKeywords.push({ keywords: ["menu"], action: "restart" });
    const d = diffFlows(before, after);
    expect(d.settings).toEqual([
      { path: "settings.maxInvalidAttempts", before: 2, after: 3 },
      { path: "settings.globalKeywords.0", before: undefined, after: { keywords: ["menu"], action: "restart" } },
    ]);
  });
});

describe("generateFlow", () => {
  test.each([1, 3, 6, 10, 100, 1000])("%i nodes: exact count, schema-valid", (n) => {
    const doc = generateFlow(n, 5);
    expect(doc.nodes).toHaveLength(n);
    expect(flowDocumentSchema.parse(doc)).toEqual(doc);
  });

  test.each([10, 100, 1000, 5000])("%i nodes: lint has no errors and no warnings", (n) => {
    expect(lintFlow(generateFlow(n, n), { queues: ["soporte", "ventas"] })).toEqual({ errors: [], warnings: [] });
  });

  test("is deterministic per seed", () => {
    expect(generateFlow(200, 9)).toEqual(generateFlow(200, 9));
    expect(generateFlow(200, 9)).not.toEqual(generateFlow(200, 10));
  });

  test("uses every node type and connects every branch", () => {
    const doc: FlowDocument = generateFlow(500, 3);
    expect(new Set(doc.nodes.map((n) => n.type)).size).toBe(10);
    const used = new Set(doc.edges.map((e) => `${e.source}|${e.sourceHandle ?? "default"}`));
    for (const n of doc.nodes) {
      for (const h of nodeHandles(n)) if (h !== "invalid") expect(used.has(`${n.id}|${h}`)).toBe(true);
    }
  });
});
