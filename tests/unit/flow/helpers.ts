/** Builders shared by the flow unit tests. */
import { defaultBusinessHours } from "@/lib/flow/business-hours";
import type { StepContext } from "@/lib/flow/engine";
import { type FlowDocument, type FlowDocumentInput, flowDocumentSchema } from "@/lib/flow/schema";

type NodeInput = FlowDocumentInput["nodes"][number];
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NodeSpec = DistributiveOmit<NodeInput, "position">;
/** [source, target, sourceHandle?] */
export type EdgeSpec = [string, string, string?];

/** A parsed document: nodes laid out in a column, edges numbered e1, e2… */
export function flow(
  nodes: NodeSpec[],
  edges: EdgeSpec[] = [],
  settings: FlowDocumentInput["settings"] = {},
): FlowDocument {
  return flowDocumentSchema.parse({
    schemaVersion: 1,
    settings,
    nodes: nodes.map((n, i) => ({ ...n, position: { x: 0, y: i * 100 } })),
    edges: edges.map(([source, target, sourceHandle], i) =>
      sourceHandle === undefined ? { id: `e${i + 1}`, source, target } : { id: `e${i + 1}`, source, target, sourceHandle },
    ),
  });
}

export function ctx(overrides: Partial<StepContext> = {}): StepContext {
  return {
    now: new Date("2025-03-05T15:00:00Z"), // Wednesday 12:00 in São Paulo
    businessHours: defaultBusinessHours(),
    contact: { name: "Ana María", phone: "5511987654321" },
    protocol: "20250305-000042",
    ...overrides,
  };
}

/** A deep copy, for asserting that inputs were not mutated. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
