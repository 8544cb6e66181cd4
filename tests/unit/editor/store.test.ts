import { describe, expect, test } from "vitest";
import { copySelection, duplicateSelection, materializeClip } from "@/components/flow-editor/clipboard";
import { createEditorStore } from "@/components/flow-editor/store";
import { type EditorContent, type EditorNode, toDocument } from "@/components/flow-editor/types";
import { defaultFlowSettings, flowDocumentSchema } from "@/lib/flow/schema";

function content(): EditorContent {
  return {
    settings: defaultFlowSettings(),
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "menu",
        type: "buttons",
        position: { x: 0, y: 120 },
        data: { text: "¿Qué necesitas?", buttons: [{ id: "b1", title: "Ventas" }, { id: "b2", title: "Soporte" }] },
      },
      { id: "sales", type: "message", position: { x: -200, y: 300 }, data: { text: "Ventas" } },
      { id: "help", type: "message", position: { x: 200, y: 300 }, data: { text: "Soporte" } },
    ] as EditorNode[],
    edges: [
      { id: "e0", source: "start", target: "menu" },
      { id: "e1", source: "menu", sourceHandle: "b1", target: "sales" },
      { id: "e2", source: "menu", sourceHandle: "b2", target: "help" },
    ],
  };
}

const menuButtons = (store: ReturnType<typeof createEditorStore>) =>
  (store.getState().nodes.find((n) => n.id === "menu")!.data as { buttons: { id: string; title: string }[] }).buttons;

describe("editor store", () => {
  test("keystrokes in one field are one undo step; redo brings them back", () => {
    const store = createEditorStore(content());
    const setText = (text: string) => store.actions.updateNodeData("sales", (d) => ({ ...d, text }), "sales:text");
    setText("V");
    setText("Ve");
    setText("Ven");
    expect(store.getState().past).toHaveLength(1);
    store.actions.undo();
    expect((store.getState().nodes[2]!.data as { text: string }).text).toBe("Ventas");
    store.actions.redo();
    expect((store.getState().nodes[2]!.data as { text: string }).text).toBe("Ven");
  });

  test("a new connection from a handle replaces the old one; undo restores it", () => {
    const store = createEditorStore(content());
    store.actions.connect({ source: "menu", sourceHandle: "b1", target: "help", targetHandle: null });
    const fromB1 = store.getState().edges.filter((e) => e.source === "menu" && e.sourceHandle === "b1");
    expect(fromB1).toHaveLength(1);
    expect(fromB1[0]!.target).toBe("help");
    store.actions.undo();
    expect(store.getState().edges.find((e) => e.sourceHandle === "b1")!.target).toBe("sales");
  });

  test("reordering or renaming buttons keeps their edges; removing one drops its edge in the same undo step", () => {
    const store = createEditorStore(content());
    store.actions.updateNodeData("menu", (d) => ({ ...d, buttons: [...(d as { buttons: { id: string; title: string }[] }).buttons].reverse() }));
    store.actions.updateNodeData("menu", (d) => ({ ...d, buttons: (d as { buttons: { id: string; title: string }[] }).buttons.map((b) => ({ ...b, title: `${b.title}!` })) }));
    expect(menuButtons(store).map((b) => b.id)).toEqual(["b2", "b1"]);
    expect(store.getState().edges).toHaveLength(3);

    store.actions.updateNodeData("menu", (d) => ({ ...d, buttons: (d as { buttons: { id: string }[] }).buttons.filter((b) => b.id !== "b2") }));
    store.actions.pruneEdges("menu");
    expect(store.getState().edges.map((e) => e.id)).toEqual(["e0", "e1"]);
    store.actions.undo();
    expect(store.getState().edges.map((e) => e.id)).toEqual(["e0", "e1", "e2"]);
    expect(menuButtons(store).map((b) => b.id)).toEqual(["b2", "b1"]);
  });

  test("the start step can't be removed; removing a step removes its connections", () => {
    const store = createEditorStore(content());
    store.actions.onNodesChange([{ type: "remove", id: "start" }]);
    store.actions.removeNodes(["start"]);
    expect(store.getState().nodes.some((n) => n.id === "start")).toBe(true);
    store.actions.onNodesChange([{ type: "remove", id: "menu" }]);
    expect(store.getState().nodes.some((n) => n.id === "menu")).toBe(false);
    expect(store.getState().edges).toEqual([]);
    store.actions.undo();
    expect(store.getState().edges).toHaveLength(3);
  });

  test("selection and measuring are not edits; a finished drag is one", () => {
    const store = createEditorStore(content());
    const v = store.getState().contentVersion;
    store.actions.onNodesChange([{ type: "select", id: "menu", selected: true }]);
    store.actions.onNodesChange([{ type: "dimensions", id: "menu", dimensions: { width: 260, height: 200 } }]);
    expect(store.getState().contentVersion).toBe(v);
    expect(store.getState().past).toHaveLength(0);
    store.actions.beginDrag();
    store.actions.onNodesChange([{ type: "position", id: "menu", position: { x: 10, y: 130 }, dragging: true }]);
    store.actions.onNodesChange([{ type: "position", id: "menu", position: { x: 20, y: 140 }, dragging: true }]);
    expect(store.getState().contentVersion).toBe(v);
    store.actions.onNodesChange([{ type: "position", id: "menu", dragging: false }]);
    expect(store.getState().contentVersion).toBe(v + 1);
    expect(store.getState().past).toHaveLength(1);
    store.actions.undo();
    expect(store.getState().nodes.find((n) => n.id === "menu")!.position).toEqual({ x: 0, y: 120 });
  });

  test("a read-only store ignores edits but allows selecting", () => {
    const store = createEditorStore(content(), { readOnly: true });
    store.actions.updateNodeData("sales", (d) => ({ ...d, text: "x" }));
    store.actions.onNodesChange([{ type: "remove", id: "menu" }, { type: "select", id: "menu", selected: true }]);
    expect(store.getState().nodes.find((n) => n.id === "menu")!.selected).toBe(true);
    expect((store.getState().nodes[2]!.data as { text: string }).text).toBe("Ventas");
  });

  test("the saved document is the flow document: React Flow's view state is dropped, nothing else changes", () => {
    const store = createEditorStore(content());
    store.actions.onNodesChange([
      { type: "select", id: "menu", selected: true },
      { type: "dimensions", id: "menu", dimensions: { width: 260, height: 200 } },
    ]);
    const doc = toDocument(store.getState());
    expect(flowDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.nodes[1]).toEqual(content().nodes[1]);
  });
});

describe("clipboard", () => {
  test("copies the selected steps and the connections between them, pasted with new ids", () => {
    const c = content();
    c.nodes = c.nodes.map((n) => (n.id === "menu" || n.id === "sales" || n.id === "start" ? { ...n, selected: true } : n));
    expect(copySelection(c.nodes, c.edges)).toBe(2);
    const pasted = materializeClip()!;
    expect(pasted.nodes).toHaveLength(2);
    expect(pasted.nodes.every((n) => !["menu", "sales"].includes(n.id))).toBe(true);
    expect(pasted.edges).toHaveLength(1);
    const [edge] = pasted.edges;
    expect(pasted.nodes.map((n) => n.id)).toContain(edge!.source);
    expect(pasted.nodes.map((n) => n.id)).toContain(edge!.target);
    expect(edge!.sourceHandle).toBe("b1");
    expect(pasted.nodes[0]!.position).toEqual({ x: 40, y: 160 });
  });

  test("duplicate leaves the clipboard alone", () => {
    const c = content();
    c.nodes = c.nodes.map((n) => (n.id === "help" ? { ...n, selected: true } : n));
    copySelection(c.nodes, c.edges);
    const selectedSales = c.nodes.map((n) => ({ ...n, selected: n.id === "sales" }));
    const dup = duplicateSelection(selectedSales, c.edges)!;
    expect((dup.nodes[0]!.data as { text: string }).text).toBe("Ventas");
    const fromClip = materializeClip()!;
    expect((fromClip.nodes[0]!.data as { text: string }).text).toBe("Soporte");
  });
});
