import { type NodeLint, at, checkText } from "../lint-kit";
import { WHATSAPP_LIMITS } from "../shared";
import type { OptOutNode } from "./schema";

export const optOutLint: NodeLint<OptOutNode> = {
  lint(node, { r, collect }) {
    collect(node.data.text, at(node.id, "data.text"));
    checkText(r, node.data.text, WHATSAPP_LIMITS.textBody, at(node.id, "data.text"));
  },
};
