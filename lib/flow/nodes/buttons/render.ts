import type { OutboundMessage } from "../../engine-types";
import { type Run, numberedMenu, optional } from "../engine-kit";
import { renderMediaSource } from "../media-source";
import { WHATSAPP_LIMITS } from "../shared";
import type { ButtonsNode } from "./schema";

/** Reply buttons (a media header replaces the text one); an out-of-limit count (drafts only) becomes a numbered text menu. */
export function buttonsPrompt(run: Run, node: ButtonsNode): OutboundMessage {
  const d = node.data;
  const text = run.render(d.text);
  const buttons = d.buttons;
  if (buttons.length < WHATSAPP_LIMITS.buttonsMin || buttons.length > WHATSAPP_LIMITS.buttonsMax) {
    return numberedMenu(text, buttons);
  }
  const msg: Extract<OutboundMessage, { kind: "buttons" }> = {
    kind: "buttons",
    text,
    buttons: buttons.map((b) => ({ id: b.id, title: b.title })),
  };
  const media = d.headerMedia ? renderMediaSource(run, d.headerMedia) : null;
  if (d.headerMedia && media) {
    msg.headerMedia = { kind: d.headerMedia.kind, ...media };
    const filename = d.headerMedia.kind === "document" ? run.render(d.headerMedia.filename).trim() : "";
    if (filename) msg.headerMedia.filename = filename;
  } else {
    const header = optional(run, d.header);
    if (header) msg.header = header;
  }
  const footer = optional(run, d.footer);
  if (footer) msg.footer = footer;
  return msg;
}
