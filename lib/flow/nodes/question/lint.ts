import { stepName } from "../../lint-messages";
import { MEDIA_ANSWER_SUFFIXES } from "../../media-answer";
import { type NodeLint, at, checkContactField, checkRegex, checkText, checkWrittenVariable } from "../lint-kit";
import { DEFAULT_HANDLE, WHATSAPP_LIMITS } from "../shared";
import { ANSWER_MEDIA_KINDS, type QuestionNode } from "./schema";

export const questionLint: NodeLint<QuestionNode> = {
  lint(node, { r, known, collect, contactFields }) {
    const d = node.data;
    checkContactField(r, d.contactField, at(node.id, "data.contactField"), contactFields);
    const nodeId = node.id;
    collect(d.text, at(nodeId, "data.text"));
    collect(d.errorText, at(nodeId, "data.errorText"));
    if (!d.text.trim()) r.error("text_empty", at(nodeId, "data.text"));
    checkText(r, d.text, WHATSAPP_LIMITS.textBody, at(nodeId, "data.text"));
    checkText(r, d.errorText, WHATSAPP_LIMITS.textBody, at(nodeId, "data.errorText"));
    if (d.variable.trim()) {
      checkWrittenVariable(r, d.variable, at(nodeId, "data.variable"), known);
      // A file answer also writes `var.id`, `var.url`… (lib/flow/media-answer.ts).
      if (d.validation.kind === "media" && known.has(d.variable.trim())) {
        for (const s of MEDIA_ANSWER_SUFFIXES) known.add(`${d.variable.trim()}.${s}`);
      }
    }
    else if (!d.contactField) r.warn("question_variable_missing", at(nodeId, "data.variable"));
    const v = d.validation;
    if (v.kind === "regex") {
      if (!v.pattern) r.error("regex_missing", at(nodeId, "data.validation.pattern"));
      else checkRegex(r, node, v.pattern, at(nodeId, "data.validation.pattern"), {});
    }
    if (v.kind === "media") {
      const kinds = v.allowedKinds ?? [];
      const where = at(nodeId, "data.validation.allowedKinds");
      const step = stepName(node.type, d.label, r.locale);
      if (kinds.length === 0) r.error("media_kinds_empty", where, { step });
      for (const kind of kinds) {
        if (kind !== "any" && !(ANSWER_MEDIA_KINDS as readonly string[]).includes(kind)) r.error("media_kind_unknown", where, { step, kind });
      }
    }
    if ((v.kind === "number" || v.kind === "text") && v.min !== undefined && v.max !== undefined && v.min > v.max) {
      r.error("range_invalid", at(nodeId, "data.validation.min"), { min: v.min, max: v.max });
    }
  },
  deadEnds(node, has, r) {
    if (!has(DEFAULT_HANDLE)) r.error("dead_end_answer", { nodeId: node.id });
  },
};
