import { type NodeLint, at, checkText } from "../lint-kit";
import { lintMediaSource } from "../media-source";
import { DEFAULT_HANDLE, WHATSAPP_LIMITS } from "../shared";
import type { MessageNode } from "./schema";

export const messageLint: NodeLint<MessageNode> = {
  lint(node, scope) {
    const { r, collect } = scope;
    const d = node.data;
    collect(d.text, at(node.id, "data.text"));
    if (!d.text.trim() && !d.media) r.error("text_empty", at(node.id, "data.text"));
    checkText(r, d.text, WHATSAPP_LIMITS.textBody, at(node.id, "data.text"));
    if (d.media) {
      lintMediaSource(scope, node.id, "data.media", d.media);
      collect(d.media.caption, at(node.id, "data.media.caption"));
      collect(d.media.filename, at(node.id, "data.media.filename"));
      checkText(r, d.media.caption, WHATSAPP_LIMITS.mediaCaption, at(node.id, "data.media.caption"), "media_caption_too_long");
      if (d.media.kind === "audio" && d.media.caption?.trim()) r.warn("media_caption_ignored", at(node.id, "data.media.caption"));
    }
  },
  deadEnds(node, has, r) {
    // The engine closes the conversation gracefully here; a final message without an
    // End node is a common, legitimate ending, so this only warns.
    if (!has(DEFAULT_HANDLE)) r.warn("flow_stops_here", { nodeId: node.id });
  },
};
