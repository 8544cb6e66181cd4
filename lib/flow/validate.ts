/**
 * The publish lint: everything that would make a parsed draft misbehave in front of a
 * customer. Errors block publishing, warnings do not. Pure and browser-safe (the editor
 * shows the same report live). Linear in the size of the document.
 */
import { DEFAULT_MAX_STEPS } from "./engine-types";
import { DEFAULT_LINT_LOCALE, type LintLocale } from "./lint-messages";
import { normalizeText } from "./match";
import { definitionOf } from "./nodes";
import { type Collect, type LintIssue, type LintScope, Reporter, type Where, checkQueue } from "./nodes/lint-kit";
import { type FlowDocument, type FlowNode, edgeHandle, isTerminalNode, isWaitingNode, nodeHandles } from "./schema";
import { BUILTIN_VARIABLES, hasTemplate, templateReferences } from "./template";
import type { LibraryFacts } from "@/lib/media/library/types";

export type { LintCode, LintLocale } from "./lint-messages";
export type { LintIssue, LintSeverity } from "./nodes/lint-kit";

export type LintReport = { errors: LintIssue[]; warnings: LintIssue[] };

export type LintOptions = {
  /** Names or slugs of the queues that exist; undefined skips the queue check. */
  queues?: string[];
  locale?: LintLocale;
  /** The engine's per-step node budget, for the long-chain warning. */
  maxSteps?: number;
  /** Kinds and sizes of the media library items the flow names; undefined skips those checks. */
  library?: LibraryFacts;
  /** Status of the synced templates by "name/language"; undefined skips the template checks. */
  templates?: Map<string, string>;
};

/** A template reference to check once every variable the flow sets is known. */
type Reference = { name: string; where: Where };

export function lintFlow(doc: FlowDocument, options: LintOptions = {}): LintReport {
  const r = new Reporter(options.locale ?? DEFAULT_LINT_LOCALE);
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = Array.isArray(doc.edges) ? doc.edges : [];
  const queues = options.queues ? new Set(options.queues.map((q) => q.trim())) : undefined;
  const known = new Set<string>(BUILTIN_VARIABLES);
  const refs: Reference[] = [];

  const collect: Collect = (text, where) => {
    if (!text || !hasTemplate(text)) return;
    for (const ref of templateReferences(text)) refs.push({ name: ref.name, where });
  };
  const scope: LintScope = { r, queues, known, collect, library: options.library, templates: options.templates };

  // ---- nodes
  const byId = new Map<string, FlowNode>();
  let startId: string | null = null;
  for (const node of nodes) {
    if (byId.has(node.id)) {
      r.error("duplicate_node_id", { nodeId: node.id, field: "id" }, { id: node.id });
      continue;
    }
    byId.set(node.id, node);
    if (node.type === "start") {
      if (startId === null) startId = node.id;
      else r.error("multiple_starts", { nodeId: node.id });
    }
    lintNode(node, scope);
  }
  if (startId === null) r.error("no_start", {});

  // ---- settings
  lintSettings(r, doc, queues, collect);

  // ---- edges: validity, then the outgoing map the engine would build
  const outs = new Map<string, Map<string, string>>();
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    const where: Where = { edgeId: edge.id };
    if (edgeIds.has(edge.id)) r.error("duplicate_edge_id", where, { id: edge.id });
    edgeIds.add(edge.id);
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source) r.error("edge_source_missing", { ...where, field: "source" }, { source: edge.source });
    if (!target) r.error("edge_target_missing", { ...where, field: "target" }, { target: edge.target });
    if (!source) continue;
    const handle = edgeHandle(edge);
    if (!nodeHandles(source).includes(handle)) {
      r.error("edge_handle_unknown", { ...where, nodeId: source.id, field: "sourceHandle" }, { handle });
      continue;
    }
    if (!target) continue;
    let m = outs.get(source.id);
    if (!m) outs.set(source.id, (m = new Map()));
    if (m.has(handle)) {
      r.error("handle_multiple_edges", { ...where, nodeId: source.id, field: "sourceHandle" }, { handle });
      continue;
    }
    m.set(handle, target.id);
  }

  // ---- dead ends
  for (const node of byId.values()) lintDeadEnds(r, node, outs.get(node.id));

  // ---- reachability
  if (startId !== null) {
    const seen = new Set<string>([startId]);
    const stack = [startId];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      const m = outs.get(id);
      if (!m) continue;
      for (const t of m.values()) {
        if (!seen.has(t)) {
          seen.add(t);
          stack.push(t);
        }
      }
    }
    for (const node of byId.values()) {
      if (!seen.has(node.id) && node.type !== "start") r.warn("unreachable_node", { nodeId: node.id });
    }
  }

  // ---- loops and long chains among nodes that do not wait for the customer
  lintRunaways(r, byId, outs, options.maxSteps ?? DEFAULT_MAX_STEPS);

  // ---- variables
  const reported = new Set<string>();
  for (const ref of refs) {
    if (known.has(ref.name)) continue;
    const key = `${ref.where.nodeId ?? ""}|${ref.where.field ?? ""}|${ref.name}`;
    if (reported.has(key)) continue;
    reported.add(key);
    r.warn("unknown_variable", ref.where, { variable: ref.name });
  }

  return { errors: r.errors, warnings: r.warnings };
}

// ---------------------------------------------------------------------------------------
// Per-node content: each node type lints itself (./nodes/<type>/lint.ts)

function lintNode(node: FlowNode, scope: LintScope): void {
  definitionOf(node)?.lint(node, scope);
}

function lintSettings(r: Reporter, doc: FlowDocument, queues: Set<string> | undefined, collect: Collect): void {
  const s = doc.settings;
  if (!s) return;
  collect(s.invalidInputMessage, { field: "settings.invalidInputMessage" });
  const seen = new Set<string>();
  (s.globalKeywords ?? []).forEach((kw, i) => {
    const f = `settings.globalKeywords.${i}`;
    const words = (kw.keywords ?? []).map((k) => normalizeText(k)).filter(Boolean);
    if (words.length === 0) r.warn("keyword_empty", { field: `${f}.keywords` });
    for (const w of words) {
      if (seen.has(w)) r.warn("keyword_duplicate", { field: `${f}.keywords` }, { keyword: w });
      seen.add(w);
    }
    collect(kw.text, { field: `${f}.text` });
    if (kw.action === "handoff") checkQueue(r, kw.queue ?? "", { field: `${f}.queue` }, queues);
  });
}

// ---------------------------------------------------------------------------------------
// Graph shape

function lintDeadEnds(r: Reporter, node: FlowNode, outs: Map<string, string> | undefined): void {
  if (isTerminalNode(node.type)) return;
  definitionOf(node)?.deadEnds?.(node, (h) => outs?.has(h) ?? false, r);
}

/**
 * Loops that never wait for the customer (an error: the engine's step guard would hand
 * every such conversation to a human) and straight runs longer than the guard (a warning).
 * Tarjan's SCC over the non-waiting subgraph; it emits components in reverse topological
 * order, which also gives the longest chain in the same pass. HTTP request nodes count as
 * non-waiting: a loop through one calls the service forever.
 */
function lintRunaways(
  r: Reporter,
  byId: Map<string, FlowNode>,
  outs: Map<string, Map<string, string>>,
  maxSteps: number,
): void {
  const runs = (id: string): boolean => {
    const n = byId.get(id);
    return n !== undefined && !isWaitingNode(n.type) && !isTerminalNode(n.type);
  };
  const succ = (id: string): string[] => {
    const m = outs.get(id);
    if (!m) return [];
    const list: string[] = [];
    for (const t of m.values()) if (runs(t)) list.push(t);
    return list;
  };

  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const chain = new Map<string, number>(); // longest run of non-waiting nodes from here
  let counter = 0;
  let longest = 0;
  let longestAt: string | null = null;

  for (const rootId of byId.keys()) {
    if (!runs(rootId) || index.has(rootId)) continue;
    // Iterative DFS: frames of (node, successors, next successor position).
    const frames: { id: string; next: string[]; i: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      frames.push({ id, next: succ(id), i: 0 });
    };
    open(rootId);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.i < f.next.length) {
        const w = f.next[f.i++];
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(f.id, Math.min(low.get(f.id) as number, index.get(w) as number));
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1];
        low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(f.id) as number));
      }
      if (low.get(f.id) !== index.get(f.id)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== f.id);
      const selfLoop = component.length === 1 && f.next.includes(f.id);
      if (component.length > 1 || selfLoop) {
        const ordered = component.reverse();
        // Steps by what the marketer wrote (label, else the start of the text), not by id.
        const name = (id: string) => {
          const d = byId.get(id)?.data as { label?: string; text?: string } | undefined;
          const text = d?.label?.trim() || d?.text?.trim().replace(/\s+/g, " ");
          return text ? `«${text.length > 24 ? `${text.slice(0, 23)}…` : text}»` : id;
        };
        const shown = ordered.slice(0, 6).map(name).join(" → ") + (ordered.length > 6 ? " → …" : "");
        r.error("non_waiting_cycle", { nodeId: ordered[0] }, { count: ordered.length, nodes: shown });
        for (const id of component) chain.set(id, 0);
        continue;
      }
      let best = 0;
      for (const t of f.next) best = Math.max(best, chain.get(t) ?? 0);
      const length = best + 1;
      chain.set(f.id, length);
      if (length > longest) {
        longest = length;
        longestAt = f.id;
      }
    }
  }
  // The waiting or terminal node at the end of the run is one more visit.
  if (longestAt !== null && longest + 1 > maxSteps) {
    r.warn("chain_too_long", { nodeId: longestAt }, { count: longest, max: maxSteps });
  }
}
