import { HANDOFF, type NodeEngine } from "../engine-kit";
import type { HandoffNode } from "./schema";

export const handoffEngine: NodeEngine<HandoffNode> = {
  enter(run, node) {
    run.say(node.data.text);
    const note = run.render(node.data.note).trim();
    run.effects.push(
      note
        ? { type: "handoff", queue: node.data.queue ?? "", reason: "node", note }
        : { type: "handoff", queue: node.data.queue ?? "", reason: "node" },
    );
    return HANDOFF;
  },
};
