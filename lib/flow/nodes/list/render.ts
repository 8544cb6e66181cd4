import { optionsOf } from "../../engine-index";
import type { OutboundMessage } from "../../engine-types";
import { type Run, numberedMenu, optional } from "../engine-kit";
import { WHATSAPP_LIMITS } from "../shared";
import type { ListNode } from "./schema";

/** A list message; no rows or too many (drafts only) become a numbered text menu. */
export function listPrompt(run: Run, node: ListNode): OutboundMessage {
  const d = node.data;
  const text = run.render(d.text);
  const rows = optionsOf(node) ?? [];
  if (rows.length === 0 || rows.length > WHATSAPP_LIMITS.listRowsMax) return numberedMenu(text, rows);
  const msg: Extract<OutboundMessage, { kind: "list" }> = {
    kind: "list",
    text,
    buttonLabel: d.buttonLabel,
    sections: d.sections
      .filter((s) => s.rows.length > 0)
      .map((s) => {
        const section: { title?: string; rows: { id: string; title: string; description?: string }[] } = {
          rows: s.rows.map((r) =>
            r.description ? { id: r.id, title: r.title, description: r.description } : { id: r.id, title: r.title },
          ),
        };
        if (s.title) section.title = s.title;
        return section;
      }),
  };
  const header = optional(run, d.header);
  if (header) msg.header = header;
  const footer = optional(run, d.footer);
  if (footer) msg.footer = footer;
  return msg;
}
