import type { HttpRequestSpec } from "../../engine-types";
import { extractPath, stringifyValue } from "../../path";
import { renderWithScope } from "../../template";
import { AWAIT_HTTP, type NodeEngine, type Run } from "../engine-kit";
import { ERROR_HANDLE, SUCCESS_HANDLE } from "../shared";
import type { HttpRequestNode } from "./schema";

const CRLF = /[\r\n]+/g;

function jsonEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

/** The request the runtime performs (the engine itself does no I/O). */
function buildRequest(run: Run, node: HttpRequestNode): HttpRequestSpec {
  const d = node.data;
  // Values are URL-encoded so "{{nombre}}" with spaces or "&" cannot break the query; a
  // placeholder at the very start is a base URL and is left as is.
  const url = renderWithScope(d.url, run, {
    escape: (v, offset) => (offset === 0 ? v : encodeURIComponent(v)),
  }).trim();
  const headers: Record<string, string> = {};
  let contentType: string | undefined;
  for (const [rawName, rawValue] of Object.entries(d.headers ?? {})) {
    const name = rawName.trim();
    if (!name || /[\r\n]/.test(name)) continue;
    // Header injection guard: a variable must not smuggle a second header line.
    const value = run.render(rawValue).replace(CRLF, " ");
    headers[name] = value;
    if (name.toLowerCase() === "content-type") contentType = value;
  }
  const method = d.method ?? "GET";
  const request: HttpRequestSpec = { method, url, headers, timeoutMs: d.timeoutMs };
  if (d.body !== undefined && d.body !== "" && method !== "GET") {
    const looksJson = contentType ? /json/i.test(contentType) : /^\s*[[{]/.test(d.body);
    // Inside JSON, values are escaped so a quote in a customer's answer keeps the body valid.
    request.body = looksJson ? renderWithScope(d.body, run, { escape: jsonEscape }) : run.render(d.body);
    if (!contentType && looksJson) headers["Content-Type"] = "application/json";
  }
  return request;
}

export const httpRequestEngine: NodeEngine<HttpRequestNode> = {
  enter(run, node) {
    run.effects.push({ type: "http_request", nodeId: node.id, request: buildRequest(run, node) });
    return AWAIT_HTTP;
  },
  resume(run, node, result) {
    if (result.ok) {
      const envelope = { ok: true, status: result.status, data: result.data };
      for (const s of node.data.save ?? []) {
        if (!s.variable) continue;
        // Paths are read from the response body; "data.x" / "status" also work against
        // the { status, data } envelope for people who think of the result that way.
        let value = extractPath(result.data, s.path);
        if (value === undefined) value = extractPath(envelope, s.path);
        run.set(s.variable, stringifyValue(value));
      }
    }
    return result.ok ? SUCCESS_HANDLE : ERROR_HANDLE;
  },
};
