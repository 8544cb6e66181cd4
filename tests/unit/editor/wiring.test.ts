import { describe, expect, test } from "vitest";
import { handleMarkers } from "@/components/flow-editor/lint-handles";
import { firstFreeHandle, placeAfter } from "@/components/flow-editor/placement";
import { handleKey } from "@/components/flow-editor/store";
import type { EditorEdge, EditorNode } from "@/components/flow-editor/types";
import { lintFlow } from "@/lib/flow/validate";

const menu = {
  id: "menu",
  type: "buttons",
  position: { x: 0, y: 200 },
  measured: { width: 260, height: 180 },
  data: { text: "¿Qué necesitas?", buttons: [{ id: "ventas", title: "Ventas" }, { id: "soporte", title: "Soporte" }] },
} as unknown as EditorNode;
const start = { id: "start", type: "start", position: { x: 0, y: 0 }, measured: { width: 260, height: 80 }, data: {} } as unknown as EditorNode;
const row = (id: string, y: number) => ({ id, x: 254, y, width: 12, height: 12, position: "right" });

describe("click to add after a selected step", () => {
  test("the first option that leads nowhere is used, options before 'invalid'", () => {
    expect(firstFreeHandle(menu, [])).toBe("ventas");
    expect(firstFreeHandle(menu, [{ id: "e1", source: "menu", target: "x", sourceHandle: "ventas" }])).toBe("soporte");
    const all: EditorEdge[] = ["ventas", "soporte", "invalid"].map((h) => ({ id: h, source: "menu", target: "x", sourceHandle: h }));
    expect(firstFreeHandle(menu, all)).toBeNull();
    expect(firstFreeHandle(start, [])).toBe("default");
  });

  test("from an option: to the right of the card, its header level with the option's row", () => {
    const at = placeAfter(menu, row("ventas", 110), [start, menu]);
    expect(at.x).toBeGreaterThanOrEqual(menu.position.x + 260 + 40);
    // Row middle at 200 + 110 + 6 = 316; the header's middle is 14 below the card's top.
    expect(at.y + 14).toBe(316);
  });

  test("the next option's step goes below the first one, never on top of it", () => {
    const first = { id: "m1", type: "message", position: placeAfter(menu, row("ventas", 110), [start, menu]), measured: { width: 260, height: 120 }, data: { text: "" } } as unknown as EditorNode;
    const second = placeAfter(menu, row("soporte", 138), [start, menu, first]);
    expect(second.x).toBe(first.position.x);
    expect(second.y).toBeGreaterThanOrEqual(first.position.y + 120);
  });

  test("from a bottom output: below the card", () => {
    const at = placeAfter(start, { id: "default", x: 124, y: 74, width: 12, height: 12, position: "bottom" }, [start, menu]);
    expect(at.x).toBe(start.position.x);
    // Below the start card, and not on top of the buttons card below it.
    expect(at.y).toBeGreaterThanOrEqual(menu.position.y + 180);
  });
});

describe("lint marks on option rows", () => {
  test("an option that leads nowhere marks its own row; a wired one is not marked", () => {
    const nodes = [start, menu] as EditorNode[];
    const edges: EditorEdge[] = [
      { id: "e0", source: "start", target: "menu" },
      { id: "e1", source: "menu", target: "menu", sourceHandle: "invalid" },
    ];
    const report = lintFlow({ schemaVersion: 1, settings: { sessionTimeoutMinutes: 30, invalidInputMessage: "?", maxInvalidAttempts: 2, globalKeywords: [] }, nodes, edges } as never, { locale: "es" });
    const marks = handleMarkers(report, nodes, edges);
    expect(marks.get(handleKey("menu", "ventas"))).toBe("error");
    expect(marks.get(handleKey("menu", "soporte"))).toBe("error");
    expect(marks.has(handleKey("menu", "invalid"))).toBe(false);
  });
});

describe("lint messages name steps, not ids", () => {
  test("a loop that never waits lists the steps by label or text", () => {
    const nodes = [
      start,
      { id: "message_a1b2c3d4", type: "message", position: { x: 0, y: 200 }, data: { text: "Hola otra vez" } },
      { id: "set_e5f6g7h8", type: "set_variable", position: { x: 0, y: 400 }, data: { label: "Contar visitas", variable: "visitas", value: "1" } },
    ] as unknown as EditorNode[];
    const edges: EditorEdge[] = [
      { id: "e0", source: "start", target: "message_a1b2c3d4" },
      { id: "e1", source: "message_a1b2c3d4", target: "set_e5f6g7h8" },
      { id: "e2", source: "set_e5f6g7h8", target: "message_a1b2c3d4" },
    ];
    const report = lintFlow({ schemaVersion: 1, settings: { sessionTimeoutMinutes: 30, invalidInputMessage: "?", maxInvalidAttempts: 2, globalKeywords: [] }, nodes, edges } as never, { locale: "es" });
    const cycle = report.errors.find((e) => e.code === "non_waiting_cycle")!;
    expect(cycle.message).toContain("«Hola otra vez»");
    expect(cycle.message).toContain("«Contar visitas»");
    expect(cycle.message).not.toMatch(/message_a1b2c3d4|set_e5f6g7h8/);
  });
});
