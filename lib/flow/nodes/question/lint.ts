import { type NodeLint, at, checkRegex, checkText, checkWrittenVariable } from "../lint-kit";
import { DEFAULT_HANDLE, WHATSAPP_LIMITS } from "../shared";
import type { QuestionNode } from "./schema";

export const questionLint: NodeLint<QuestionNode> = {
  lint(node, { r, known, collect }) {
    const d = node.data;
    const nodeId = node.id;
    collect(d.text, at(nodeId, "data.text"));
    collect(d.errorText, at(nodeId, "data.errorText"));
    if (!d.text.trim()) r.error("text_empty", at(nodeId, "data.text"));
    checkText(r, d.text, WHATSAPP_LIMITS.textBody, at(nodeId, "data.text"));
    checkText(r, d.errorText, WHATSAPP_LIMITS.textBody, at(nodeId, "data.errorText"));
    if (d.variable.trim()) checkWrittenVariable(r, d.variable, at(nodeId, "data.variable"), known);
    else r.warn("question_variable_missing", at(nodeId, "data.variable"));
    const v = d.validation;
    if (v.kind === "regex") {
      if (!v.pattern) r.error("regex_missing", at(nodeId, "data.validation.pattern"));
      else checkRegex(r, node, v.pattern, at(nodeId, "data.validation.pattern"), {});
    }
    if ((v.kind === "number" || v.kind === "text") && v.min !== undefined && v.max !== undefined && v.min > v.max) {
      r.error("range_invalid", at(nodeId, "data.validation.min"), { min: v.min, max: v.max });
    }
  },
  deadEnds(node, has, r) {
    if (!has(DEFAULT_HANDLE)) r.error("dead_end_answer", { nodeId: node.id });
  },
};
