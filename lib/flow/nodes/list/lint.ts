import { normalizeText } from "../../match";
import { type NodeLint, at, checkText, checkWrittenVariable, length, lintOptionIds } from "../lint-kit";
import { WHATSAPP_LIMITS } from "../shared";
import type { ListNode } from "./schema";

export const listLint: NodeLint<ListNode> = {
  lint(node, { r, known, collect }) {
    const d = node.data;
    const nodeId = node.id;
    collect(d.text, at(nodeId, "data.text"));
    collect(d.header, at(nodeId, "data.header"));
    collect(d.footer, at(nodeId, "data.footer"));
    if (!d.text.trim()) r.error("text_empty", at(nodeId, "data.text"));
    checkText(r, d.text, WHATSAPP_LIMITS.listBody, at(nodeId, "data.text"));
    checkText(r, d.header, WHATSAPP_LIMITS.header, at(nodeId, "data.header"), "header_too_long");
    checkText(r, d.footer, WHATSAPP_LIMITS.footer, at(nodeId, "data.footer"), "footer_too_long");
    if (!d.buttonLabel.trim()) r.error("list_button_label_empty", at(nodeId, "data.buttonLabel"));
    const labelLength = length(d.buttonLabel);
    if (labelLength > WHATSAPP_LIMITS.listButtonLabel) {
      r.error("list_button_label_too_long", at(nodeId, "data.buttonLabel"), { length: labelLength, max: WHATSAPP_LIMITS.listButtonLabel });
    }
    if (d.sections.length > WHATSAPP_LIMITS.listSectionsMax) {
      r.error("list_sections_count", at(nodeId, "data.sections"), { count: d.sections.length, max: WHATSAPP_LIMITS.listSectionsMax });
    }
    const ids: string[] = [];
    const idFields: string[] = [];
    const titles = new Set<string>();
    let rowNumber = 0;
    d.sections.forEach((s, si) => {
      const sf = `data.sections.${si}`;
      if (s.rows.length === 0) r.error("list_section_empty", at(nodeId, `${sf}.rows`), { index: si + 1 });
      if (d.sections.length > 1 && !s.title?.trim()) r.error("list_section_title_required", at(nodeId, `${sf}.title`), { index: si + 1 });
      const tl = length(s.title ?? "");
      if (tl > WHATSAPP_LIMITS.listSectionTitle) {
        r.error("list_section_title_too_long", at(nodeId, `${sf}.title`), { index: si + 1, length: tl, max: WHATSAPP_LIMITS.listSectionTitle });
      }
      s.rows.forEach((row, ri) => {
        rowNumber++;
        const rf = `${sf}.rows.${ri}`;
        if (!row.title.trim()) r.error("option_title_empty", at(nodeId, `${rf}.title`), { index: rowNumber });
        const n = length(row.title);
        if (n > WHATSAPP_LIMITS.listRowTitle) {
          r.error("row_title_too_long", at(nodeId, `${rf}.title`), { index: rowNumber, length: n, max: WHATSAPP_LIMITS.listRowTitle });
        }
        const dl = length(row.description ?? "");
        if (dl > WHATSAPP_LIMITS.listRowDescription) {
          r.error("row_description_too_long", at(nodeId, `${rf}.description`), { index: rowNumber, length: dl, max: WHATSAPP_LIMITS.listRowDescription });
        }
        const key = normalizeText(row.title);
        if (key) {
          if (titles.has(key)) r.warn("row_title_duplicate", at(nodeId, `${rf}.title`), { title: row.title, index: rowNumber });
          titles.add(key);
        }
        ids.push(row.id);
        idFields.push(rf);
      });
    });
    if (rowNumber === 0 || rowNumber > WHATSAPP_LIMITS.listRowsMax) {
      r.error("list_rows_count", at(nodeId, "data.sections"), { count: rowNumber, max: WHATSAPP_LIMITS.listRowsMax });
    }
    lintOptionIds(r, node, ids, idFields, WHATSAPP_LIMITS.listRowId);
    if (d.variable) checkWrittenVariable(r, d.variable, at(nodeId, "data.variable"), known);
  },
  deadEnds(node, has, r) {
    node.data.sections.forEach((s, si) => {
      s.rows.forEach((row, ri) => {
        if (row.id && !has(row.id)) {
          r.error("dead_end_option", { nodeId: node.id, field: `data.sections.${si}.rows.${ri}` }, { title: row.title, handle: row.id });
        }
      });
    });
  },
};
