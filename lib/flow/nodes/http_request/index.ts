/** The `http_request` node type: its schema, lint and engine step (the editor's card and form are in components/flow-editor/nodes/http_request). */
import type { NodeDefinition } from "../definition";
import { httpRequestEngine } from "./engine";
import { httpRequestLint } from "./lint";
import { type HttpRequestNode, httpRequestShape } from "./schema";

export const httpRequestDefinition: NodeDefinition<HttpRequestNode> = { type: "http_request", ...httpRequestShape, ...httpRequestLint, ...httpRequestEngine };
