import type { FlowEffect } from "../../engine-types";
import { HANDOFF, type NodeEngine, type Run, isOpenCached } from "../engine-kit";
import type { HandoffNode } from "./schema";

/**
 * What a handoff step says: its outside-hours text outside business hours (when it has one),
 * its text otherwise — and the workspace's handoff notice when it has none, so the customer
 * always learns the protocol.
 */
function handoffText(run: Run, data: HandoffNode["data"]): string | undefined {
  let text = data.text;
  if (data.outsideHoursText?.trim() && !isOpenCached(run.ctx)) text = data.outsideHoursText;
  return text?.trim() ? text : run.ctx.handoffNotice;
}

export const handoffEngine: NodeEngine<HandoffNode> = {
  enter(run, node) {
    run.say(handoffText(run, node.data));
    const note = run.render(node.data.note).trim();
    const effect: FlowEffect = { type: "handoff", queue: node.data.queue ?? "", reason: "node" };
    if (note) effect.note = note;
    if (node.data.returnToQuoted) effect.returnToQuoted = true;
    run.effects.push(effect);
    return HANDOFF;
  },
};
