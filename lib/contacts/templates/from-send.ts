import type { TemplateParams } from "./params";
import type { HeaderMediaKind } from "./schema";

type SendParameter = { type?: unknown; text?: unknown; image?: unknown; video?: unknown; document?: unknown };
type SendComponent = { type?: unknown; sub_type?: unknown; index?: unknown; parameters?: unknown };

const MEDIA = new Set(["image", "video", "document"]);

function mediaRef(value: unknown): { url?: string; mediaId?: string } {
  const o = (value ?? {}) as { link?: unknown; id?: unknown };
  return { ...(typeof o.link === "string" ? { url: o.link } : {}), ...(typeof o.id === "string" ? { mediaId: o.id } : {}) };
}

/**
 * The params a Graph API `template.components` carries, read back: what the sandbox and the
 * test fake check a send with (`checkTemplateParameters`), as Meta checks it (132000 when
 * they don't match the template). Unreadable parts are left out, so they show as missing.
 */
export function paramsFromTemplateSend(components: unknown): TemplateParams {
  const params: TemplateParams = { body: [] };
  if (!Array.isArray(components)) return params;
  for (const raw of components as SendComponent[]) {
    const type = String(raw?.type ?? "").toLowerCase();
    const parameters = Array.isArray(raw?.parameters) ? (raw.parameters as SendParameter[]) : [];
    if (type === "header") {
      const p = parameters[0];
      const kind = String(p?.type ?? "");
      if (kind === "text") params.header = { text: typeof p?.text === "string" ? p.text : "" };
      else if (MEDIA.has(kind)) params.header = { kind: kind as HeaderMediaKind, ...mediaRef(p?.[kind as "image"]) };
    } else if (type === "body") {
      params.body = parameters.map((p) => (typeof p?.text === "string" ? p.text : ""));
    } else if (type === "button") {
      const index = Number(raw.index);
      if (!Number.isInteger(index)) continue;
      (params.buttons ??= []).push({ index, text: typeof parameters[0]?.text === "string" ? parameters[0].text : "" });
    }
  }
  return params;
}
