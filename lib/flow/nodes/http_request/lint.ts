import { parsePath } from "../../path";
import { type NodeLint, at, checkWrittenVariable, isHttpUrl } from "../lint-kit";
import { ERROR_HANDLE, SUCCESS_HANDLE } from "../shared";
import type { HttpRequestNode } from "./schema";

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const httpRequestLint: NodeLint<HttpRequestNode> = {
  lint(node, { r, known, collect }) {
    const d = node.data;
    const nodeId = node.id;
    collect(d.url, at(nodeId, "data.url"));
    if (!isHttpUrl(d.url)) r.error("http_url_invalid", at(nodeId, "data.url"), { url: d.url });
    for (const [name, value] of Object.entries(d.headers)) {
      const f = `data.headers.${name}`;
      if (!HEADER_NAME.test(name.trim())) r.error("http_header_invalid", at(nodeId, f), { header: name });
      collect(value, at(nodeId, f));
    }
    if (d.body !== undefined && d.body.trim() !== "") {
      collect(d.body, at(nodeId, "data.body"));
      if (d.method === "GET") r.warn("http_body_ignored", at(nodeId, "data.body"));
    }
    d.save.forEach((s, i) => {
      checkWrittenVariable(r, s.variable, at(nodeId, `data.save.${i}.variable`), known);
      if (parsePath(s.path) === null) r.error("http_save_path_invalid", at(nodeId, `data.save.${i}.path`), { path: s.path });
    });
  },
  deadEnds(node, has, r) {
    // `invalid` handles are optional everywhere: unconnected, the engine re-prompts.
    if (!has(SUCCESS_HANDLE)) r.error("dead_end_http_success", { nodeId: node.id }, { handle: SUCCESS_HANDLE });
    if (!has(ERROR_HANDLE)) r.error("dead_end_http_error", { nodeId: node.id }, { handle: ERROR_HANDLE });
  },
};
