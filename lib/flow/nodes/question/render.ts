import type { OutboundMessage } from "../../engine-types";
import type { Run } from "../engine-kit";
import type { QuestionNode } from "./schema";

/** The question's text; a blank one asks nothing (the bot still waits). */
export function questionPrompt(run: Run, node: QuestionNode): OutboundMessage | null {
  const text = run.render(node.data.text);
  return text.trim() ? { kind: "text", text } : null;
}
