import type { OutboundMedia } from "../../engine-types";
import type { Run } from "../engine-kit";
import { renderMediaSource } from "../media-source";
import type { MessageNode } from "./schema";

/** The message's text, then its media (a library file, or a rendered address: blank sends nothing). */
export function emitMessage(run: Run, node: MessageNode): void {
  run.say(node.data.text);
  const media = node.data.media;
  if (!media) return;
  const source = renderMediaSource(run, media);
  if (!source) return;
  const out: OutboundMedia = { kind: media.kind, ...source };
  const caption = run.render(media.caption).trim();
  if (caption && media.kind !== "audio") out.caption = caption;
  const filename = run.render(media.filename).trim();
  if (filename && media.kind === "document") out.filename = filename;
  run.outputs.push({ kind: "media", media: out });
}
