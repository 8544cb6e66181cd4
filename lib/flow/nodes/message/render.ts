import type { Run } from "../engine-kit";
import type { MessageNode } from "./schema";

/** The message's text, then its media (rendered; a blank URL sends nothing). */
export function emitMessage(run: Run, node: MessageNode): void {
  run.say(node.data.text);
  const media = node.data.media;
  if (!media) return;
  const url = run.render(media.url).trim();
  if (!url) return;
  const out: { kind: typeof media.kind; url: string; caption?: string; filename?: string } = { kind: media.kind, url };
  const caption = run.render(media.caption).trim();
  if (caption && media.kind !== "audio") out.caption = caption;
  const filename = run.render(media.filename).trim();
  if (filename && media.kind === "document") out.filename = filename;
  run.outputs.push({ kind: "media", media: out });
}
