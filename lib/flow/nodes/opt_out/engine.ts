import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import type { OptOutNode } from "./schema";

/**
 * Pure like every step: the change is an effect the runtime writes (and audits) in the step's
 * transaction. The node's own text, when it has one, is the confirmation; otherwise the
 * workspace's (from the step context).
 */
export const optOutEngine: NodeEngine<OptOutNode> = {
  enter(run, node) {
    run.effects.push({ type: "opt_out", action: node.data.action, nodeId: node.id });
    const own = node.data.text?.trim() ? node.data.text : undefined;
    const confirmations = run.ctx.optConfirmations;
    run.say(own ?? (node.data.action === "opt_in" ? confirmations?.optIn : confirmations?.optOut));
    return DEFAULT_HANDLE;
  },
};
