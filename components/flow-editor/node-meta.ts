import {
  Flag,
  GitBranch,
  Globe,
  Headset,
  List,
  type LucideIcon,
  MessageCircleQuestion,
  MessageSquare,
  MousePointerClick,
  Play,
  Variable,
} from "lucide-react";
import type { FlowNode, NodeType } from "@/lib/flow/schema";
import { HTTP_TIMEOUT_DEFAULT_MS } from "@/lib/flow/schema";
import { randomId } from "./store";

export type NodeMeta = { icon: LucideIcon; /** Tailwind classes of the header stripe. */ accent: string };

export const NODE_META: Record<NodeType, NodeMeta> = {
  start: { icon: Play, accent: "bg-emerald-600 text-white" },
  message: { icon: MessageSquare, accent: "bg-sky-600 text-white" },
  buttons: { icon: MousePointerClick, accent: "bg-teal-600 text-white" },
  list: { icon: List, accent: "bg-cyan-700 text-white" },
  question: { icon: MessageCircleQuestion, accent: "bg-indigo-600 text-white" },
  condition: { icon: GitBranch, accent: "bg-amber-500 text-amber-950" },
  set_variable: { icon: Variable, accent: "bg-violet-600 text-white" },
  http_request: { icon: Globe, accent: "bg-slate-700 text-white" },
  handoff: { icon: Headset, accent: "bg-rose-600 text-white" },
  end: { icon: Flag, accent: "bg-zinc-600 text-white" },
};

/** Node types a marketer can add (there is exactly one start). */
export const PALETTE_TYPES: NodeType[] = ["message", "buttons", "list", "question", "condition", "set_variable", "http_request", "handoff", "end"];

export type DefaultTexts = { option: (n: number) => string; listButton: string; section: string };

/** A new node with content that already renders sensibly on the canvas. */
export function newNode(type: NodeType, position: { x: number; y: number }, texts: DefaultTexts): FlowNode {
  const id = randomId(type === "set_variable" ? "set" : type === "http_request" ? "http" : type);
  const base = { id, position };
  switch (type) {
    case "start":
      return { ...base, type, data: {} };
    case "message":
      return { ...base, type, data: { text: "" } };
    case "buttons":
      return {
        ...base,
        type,
        data: { text: "", buttons: [1, 2].map((n) => ({ id: randomId("b"), title: texts.option(n) })) },
      };
    case "list":
      return {
        ...base,
        type,
        data: {
          text: "",
          buttonLabel: texts.listButton,
          sections: [{ title: texts.section, rows: [1, 2, 3].map((n) => ({ id: randomId("r"), title: texts.option(n) })) }],
        },
      };
    case "question":
      return { ...base, type, data: { text: "", variable: "", validation: { kind: "any" } } };
    case "condition":
      return { ...base, type, data: { rules: [{ id: randomId("rule"), variable: "input", operator: "equals", value: "" }] } };
    case "set_variable":
      return { ...base, type, data: { variable: "", value: "" } };
    case "http_request":
      return { ...base, type, data: { method: "GET", url: "https://", headers: {}, timeoutMs: HTTP_TIMEOUT_DEFAULT_MS, save: [] } };
    case "handoff":
      return { ...base, type, data: { queue: "" } };
    case "end":
      return { ...base, type, data: {} };
  }
}

/** Plain text of a node for search. */
export function nodeSearchText(node: FlowNode): string {
  const d = node.data as Record<string, unknown>;
  const parts: string[] = [node.id, node.type];
  const push = (v: unknown) => {
    if (typeof v === "string") parts.push(v);
  };
  push(d.label);
  push(d.text);
  push(d.header);
  push(d.footer);
  push(d.variable);
  push(d.url);
  push(d.queue);
  push(d.value);
  if (node.type === "buttons") for (const b of node.data.buttons) push(b.title);
  if (node.type === "list") {
    for (const s of node.data.sections) {
      push(s.title);
      for (const r of s.rows) {
        push(r.title);
        push(r.description);
      }
    }
  }
  if (node.type === "condition") {
    for (const r of node.data.rules) {
      push(r.variable);
      push(r.value);
    }
  }
  return parts.join(" \n").toLocaleLowerCase();
}

/** Variables a template can use: the built-ins, then every variable the flow writes. */
export function flowVariables(nodes: readonly FlowNode[], builtins: readonly string[]): string[] {
  const names = new Set<string>();
  for (const n of nodes) {
    if (n.type === "question" || n.type === "set_variable") names.add(n.data.variable.trim());
    if ((n.type === "buttons" || n.type === "list") && n.data.variable) names.add(n.data.variable.trim());
    if (n.type === "http_request") for (const s of n.data.save) names.add(s.variable.trim());
  }
  names.delete("");
  return [...builtins, ...[...names].filter((n) => !builtins.includes(n)).sort()];
}
