import { type NodeLint, at, checkQueue, checkText } from "../lint-kit";
import { WHATSAPP_LIMITS } from "../shared";
import type { HandoffNode } from "./schema";

export const handoffLint: NodeLint<HandoffNode> = {
  lint(node, { r, queues, collect }) {
    const d = node.data;
    collect(d.text, at(node.id, "data.text"));
    collect(d.note, at(node.id, "data.note"));
    checkText(r, d.text, WHATSAPP_LIMITS.textBody, at(node.id, "data.text"));
    checkQueue(r, d.queue, at(node.id, "data.queue"), queues);
  },
};
