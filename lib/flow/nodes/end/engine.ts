import { ENDED, type NodeEngine } from "../engine-kit";
import type { EndNode } from "./schema";

export const endEngine: NodeEngine<EndNode> = {
  enter(run, node) {
    run.say(node.data.text);
    run.effects.push({ type: "close", reason: "end" });
    return ENDED;
  },
};
