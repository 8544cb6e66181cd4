import type { NodeEngine } from "./engine-kit";
import type { NodeLint } from "./lint-kit";
import type { NodeShape } from "./shared";

/** Everything the server and the lint know about one node type, from its folder. */
export type NodeDefinition<N extends { type: string }> = { type: N["type"] } & NodeShape<N> & NodeLint<N> & NodeEngine<N>;
