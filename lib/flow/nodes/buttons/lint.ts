import { normalizeText } from "../../match";
import { type NodeLint, at, checkText, checkWrittenVariable, length, lintOptionIds } from "../lint-kit";
import { lintMediaSource } from "../media-source";
import { WHATSAPP_LIMITS } from "../shared";
import type { ButtonsNode } from "./schema";

export const buttonsLint: NodeLint<ButtonsNode> = {
  lint(node, scope) {
    const { r, known, collect } = scope;
    const d = node.data;
    const nodeId = node.id;
    collect(d.text, at(nodeId, "data.text"));
    collect(d.header, at(nodeId, "data.header"));
    collect(d.footer, at(nodeId, "data.footer"));
    if (!d.text.trim()) r.error("text_empty", at(nodeId, "data.text"));
    checkText(r, d.text, WHATSAPP_LIMITS.buttonsBody, at(nodeId, "data.text"));
    checkText(r, d.header, WHATSAPP_LIMITS.header, at(nodeId, "data.header"), "header_too_long");
    checkText(r, d.footer, WHATSAPP_LIMITS.footer, at(nodeId, "data.footer"), "footer_too_long");
    if (d.headerMedia) {
      lintMediaSource(scope, nodeId, "data.headerMedia", d.headerMedia);
      collect(d.headerMedia.filename, at(nodeId, "data.headerMedia.filename"));
    }
    const count = d.buttons.length;
    if (count < WHATSAPP_LIMITS.buttonsMin || count > WHATSAPP_LIMITS.buttonsMax) {
      r.error("buttons_count", at(nodeId, "data.buttons"), { count, min: WHATSAPP_LIMITS.buttonsMin, max: WHATSAPP_LIMITS.buttonsMax });
    }
    const titles = new Map<string, number>();
    d.buttons.forEach((b, i) => {
      const f = `data.buttons.${i}.title`;
      const title = b.title.trim();
      if (!title) r.error("option_title_empty", at(nodeId, f), { index: i + 1 });
      const n = length(b.title);
      if (n > WHATSAPP_LIMITS.buttonTitle) r.error("button_title_too_long", at(nodeId, f), { index: i + 1, length: n, max: WHATSAPP_LIMITS.buttonTitle });
      const key = normalizeText(title);
      if (key) {
        if (titles.has(key)) r.error("button_title_duplicate", at(nodeId, f), { title: b.title, index: i + 1 });
        else titles.set(key, i);
      }
    });
    lintOptionIds(r, node, d.buttons.map((b) => b.id), "data.buttons", WHATSAPP_LIMITS.buttonId);
    if (d.variable) checkWrittenVariable(r, d.variable, at(nodeId, "data.variable"), known);
  },
  deadEnds(node, has, r) {
    node.data.buttons.forEach((b, i) => {
      if (b.id && !has(b.id)) r.error("dead_end_option", { nodeId: node.id, field: `data.buttons.${i}` }, { title: b.title, handle: b.id });
    });
  },
};
