import type { NodeType } from "@/lib/flow/schema";

type Named = { type: NodeType; data: unknown };
type TypeName = (type: NodeType) => string;

/** What a marketer calls a step: its label, or the name of its kind ("Botones"). Never its id. */
export function stepName(node: Named, typeName: TypeName): string {
  const label = (node.data as { label?: string }).label?.trim();
  return label || typeName(node.type);
}

/** The name plus the start of its text, to tell apart steps of one kind ("Mensaje · Hola…"). */
export function stepTitle(node: Named, typeName: TypeName, max = 40): string {
  const name = stepName(node, typeName);
  const text = ((node.data as { text?: string }).text ?? "").replace(/\s+/g, " ").trim();
  if (!text) return name;
  return `${name} · ${text.length > max ? `${text.slice(0, max - 1)}…` : text}`;
}
