/** One node type, one place: every type has its schema, lint and engine step in the registry. */
import { describe, expect, test } from "vitest";
import { NODE_REGISTRY, definitionOf } from "@/lib/flow/nodes";
import { NODE_SHAPES } from "@/lib/flow/nodes/schemas";
import { type FlowNode, NODE_TYPES, flowDocumentSchema, isTerminalNode, isWaitingNode } from "@/lib/flow/schema";

describe("node registry", () => {
  test("every node type the parser accepts has a complete definition", () => {
    expect(Object.keys(NODE_REGISTRY)).toEqual([...NODE_TYPES]);
    expect(Object.keys(NODE_SHAPES)).toEqual([...NODE_TYPES]);
    for (const type of NODE_TYPES) {
      const def = NODE_REGISTRY[type];
      expect(def.type).toBe(type);
      expect(typeof def.lint).toBe("function");
      expect(typeof def.enter).toBe("function");
      expect(typeof def.handles).toBe("function");
      // Waiting nodes prompt and read answers; nothing else does.
      expect(def.waiting).toBe(isWaitingNode(type));
      expect(def.terminal).toBe(isTerminalNode(type));
      expect(typeof def.answer === "function").toBe(def.waiting);
      expect(typeof def.prompt === "function").toBe(def.waiting);
      // Terminal nodes have no outputs, so nothing can dead-end there.
      if (def.terminal) expect(def.deadEnds).toBeUndefined();
    }
  });

  test("a type this build does not know has no definition (the engine treats it as a dead end)", () => {
    expect(definitionOf({ id: "x", type: "carousel" } as unknown as FlowNode)).toBeUndefined();
    const doc = flowDocumentSchema.parse({ schemaVersion: 1, nodes: [{ id: "s", type: "start", position: { x: 0, y: 0 } }] });
    expect(definitionOf(doc.nodes[0])?.type).toBe("start");
  });
});
