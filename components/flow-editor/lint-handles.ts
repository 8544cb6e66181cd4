import type { LintIssue } from "@/lib/flow/validate";
import { handleKey, type Marker } from "./store";
import type { EditorEdge, EditorNode } from "./types";

const BUTTON = /^data\.buttons\.(\d+)(?:\.|$)/;
const ROW = /^data\.sections\.(\d+)\.rows\.(\d+)(?:\.|$)/;
const RULE = /^data\.rules\.(\d+)(?:\.|$)/;

/** The output (handle id) a lint issue is about, when it is about one option, row or rule. */
export function issueHandle(issue: LintIssue, node: EditorNode | undefined, edges: readonly EditorEdge[]): string | null {
  if (!node) return null;
  if (issue.edgeId) {
    const edge = edges.find((e) => e.id === issue.edgeId);
    return edge?.sourceHandle ?? null;
  }
  const field = issue.field ?? "";
  const data = node.data as {
    buttons?: { id: string }[];
    sections?: { rows: { id: string }[] }[];
    rules?: { id: string }[];
  };
  let m = BUTTON.exec(field);
  if (m && data.buttons) return data.buttons[Number(m[1])]?.id ?? null;
  m = ROW.exec(field);
  if (m && data.sections) return data.sections[Number(m[1])]?.rows[Number(m[2])]?.id ?? null;
  m = RULE.exec(field);
  if (m && data.rules) return data.rules[Number(m[1])]?.id ?? null;
  return null;
}

/** Per output row: the worst problem the lint found on that option (errors win over warnings). */
export function handleMarkers(
  issues: { errors: readonly LintIssue[]; warnings: readonly LintIssue[] },
  nodes: readonly EditorNode[],
  edges: readonly EditorEdge[],
): Map<string, Marker> {
  const markers = new Map<string, Marker>();
  const touched = new Set<string>();
  for (const i of [...issues.errors, ...issues.warnings]) if (i.nodeId) touched.add(i.nodeId);
  if (touched.size === 0) return markers;
  const byId = new Map<string, EditorNode>();
  for (const n of nodes) if (touched.has(n.id)) byId.set(n.id, n);
  const mark = (issue: LintIssue, marker: Marker) => {
    if (!issue.nodeId) return;
    const handle = issueHandle(issue, byId.get(issue.nodeId), edges);
    if (handle) markers.set(handleKey(issue.nodeId, handle), marker);
  };
  for (const w of issues.warnings) mark(w, "warning");
  for (const e of issues.errors) mark(e, "error");
  return markers;
}
