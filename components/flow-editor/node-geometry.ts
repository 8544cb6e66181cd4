import { type NodeHandle, Position } from "@xyflow/react";
import type { FlowNode } from "@/lib/flow/schema";
import type { EditorNode } from "./types";

/**
 * Estimated size and handle positions of a node card before it has been on screen.
 *
 * React Flow renders every node once to measure it, even with `onlyRenderVisibleElements`,
 * unless it is told the node's size and handles up front: for a flow of 1,000 steps that
 * first render is most of the time to open it. With these estimates only the cards in view
 * are rendered; a card is measured exactly when it scrolls into view, and the estimate is
 * dropped then (see the store). Numbers follow the card's CSS (nodes/parts.tsx).
 */
const WIDTH = 260;
const HEADER = 30;
const BODY_PAD = 16;
const LINE = 16;
const ROW = 29;
const HANDLE = 12;
const CHARS_PER_LINE = 34;

function lines(text: string | undefined, max = 6): number {
  if (!text) return 1;
  let n = 0;
  for (const paragraph of text.split("\n")) n += Math.max(1, Math.ceil(paragraph.length / CHARS_PER_LINE));
  return Math.min(max, n);
}

function bubble(text: string | undefined, header?: string, footer?: string): number {
  return 12 + lines(text) * LINE + (header?.trim() ? LINE + 2 : 0) + (footer?.trim() ? LINE + 4 : 0);
}

type Estimate = { body: number; rows: { id: string; height: number }[]; bottom: boolean; target: boolean };

function estimate(node: FlowNode): Estimate {
  switch (node.type) {
    case "start":
      return { body: BODY_PAD + LINE, rows: [], bottom: true, target: false };
    case "message":
      return { body: BODY_PAD + (node.data.media ? 30 : 0) + (node.data.text || !node.data.media ? bubble(node.data.text) : 0), rows: [], bottom: true, target: true };
    case "buttons":
      return {
        body: BODY_PAD + bubble(node.data.text, node.data.header, node.data.footer),
        rows: [...node.data.buttons.map((b) => ({ id: b.id, height: ROW })), { id: "invalid", height: ROW }],
        bottom: false,
        target: true,
      };
    case "list": {
      const rows: Estimate["rows"] = [];
      for (const section of node.data.sections) {
        if (section.title?.trim()) rows.push({ id: "", height: 17 });
        for (const row of section.rows) rows.push({ id: row.id, height: row.description ? 37 : ROW });
      }
      rows.push({ id: "invalid", height: ROW });
      return { body: BODY_PAD + bubble(node.data.text, node.data.header, node.data.footer) + 24, rows, bottom: false, target: true };
    }
    case "question":
      return { body: BODY_PAD + bubble(node.data.text) + 6 + LINE, rows: [{ id: "default", height: ROW }, { id: "invalid", height: ROW }], bottom: false, target: true };
    case "condition":
      return { body: 0, rows: [...node.data.rules.map((r) => ({ id: r.id, height: ROW })), { id: "else", height: ROW }], bottom: false, target: true };
    case "set_variable":
      return { body: BODY_PAD + LINE, rows: [], bottom: true, target: true };
    case "http_request":
      return { body: BODY_PAD + LINE + (node.data.save.length ? LINE + 6 : 0), rows: [{ id: "success", height: ROW }, { id: "error", height: ROW }], bottom: false, target: true };
    case "handoff":
      return { body: BODY_PAD + (node.data.text?.trim() ? bubble(node.data.text) + 6 : 0) + LINE, rows: [], bottom: false, target: true };
    case "end":
      return { body: BODY_PAD + (node.data.text?.trim() ? bubble(node.data.text) + 6 : 0) + LINE, rows: [], bottom: false, target: true };
    case "template":
      return { body: BODY_PAD + LINE + bubble(node.data.template ? "x".repeat(160) : undefined), rows: [{ id: "default", height: ROW }, { id: "skipped", height: ROW }], bottom: false, target: true };
    case "opt_out":
      return { body: BODY_PAD + LINE + (node.data.text?.trim() ? bubble(node.data.text) + 6 : LINE), rows: [], bottom: true, target: true };
  }
}

/** The node with `initialWidth`, `initialHeight` and `handles` estimated from its content. */
export function withGeometryHint(node: EditorNode): EditorNode {
  const e = estimate(node);
  const handles: NodeHandle[] = [];
  if (e.target) handles.push({ id: null, type: "target", position: Position.Top, x: WIDTH / 2 - HANDLE / 2, y: -HANDLE / 2, width: HANDLE, height: HANDLE });
  let y = HEADER + e.body + (e.rows.length ? 1 : 0);
  for (const row of e.rows) {
    if (row.id) handles.push({ id: row.id, type: "source", position: Position.Right, x: WIDTH - HANDLE / 2, y: y + row.height / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
    y += row.height + 1;
  }
  const height = Math.round(y);
  if (e.bottom) handles.push({ id: "default", type: "source", position: Position.Bottom, x: WIDTH / 2 - HANDLE / 2, y: height - HANDLE / 2, width: HANDLE, height: HANDLE });
  return { ...node, initialWidth: WIDTH, initialHeight: height, handles };
}

/** Drops the estimate once React Flow has measured the real card. */
export function withoutGeometryHint(node: EditorNode): EditorNode {
  if (!node.handles && node.initialWidth === undefined) return node;
  const { handles: _handles, initialWidth: _w, initialHeight: _h, ...rest } = node;
  return rest as EditorNode;
}
