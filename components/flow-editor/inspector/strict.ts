import { z } from "zod";
import {
  HTTP_TIMEOUT_MAX_MS,
  HTTP_TIMEOUT_MIN_MS,
  type NodeType,
  WHATSAPP_LIMITS as L,
} from "@/lib/flow/schema";
import { VARIABLE_NAME } from "@/lib/flow/template";

/**
 * What the inspector checks as you type: the WhatsApp limits and required fields, per node
 * type. The stored schema stays lenient (a half-finished draft must save); these issues are
 * shown beside the field, in the UI language, through their zod code.
 */
const text = (max: number) => z.string().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const variableName = z.string().regex(VARIABLE_NAME);

export const INSPECTOR_SCHEMAS: Partial<Record<NodeType, z.ZodType>> = {
  message: z.object({ text: text(L.textBody) }),
  buttons: z.object({
    text: required(L.buttonsBody),
    header: text(L.header).optional(),
    footer: text(L.footer).optional(),
    buttons: z
      .array(z.object({ id: z.string().min(1), title: required(L.buttonTitle) }))
      .min(L.buttonsMin)
      .max(L.buttonsMax),
    variable: variableName.or(z.literal("")).optional(),
  }),
  list: z.object({
    text: required(L.listBody),
    header: text(L.header).optional(),
    footer: text(L.footer).optional(),
    buttonLabel: required(L.listButtonLabel),
    sections: z
      .array(
        z.object({
          title: text(L.listSectionTitle).optional(),
          rows: z.array(z.object({ title: required(L.listRowTitle), description: text(L.listRowDescription).optional() })).min(1),
        }),
      )
      .min(1)
      .max(L.listSectionsMax),
    variable: variableName.or(z.literal("")).optional(),
  }),
  question: z.object({
    text: required(L.textBody),
    variable: variableName,
    errorText: text(L.textBody).optional(),
  }),
  set_variable: z.object({ variable: variableName, value: z.string() }),
  http_request: z.object({
    url: z.string().regex(/^(https?:\/\/\S+|\{\{)/),
    timeoutMs: z.number().int().min(HTTP_TIMEOUT_MIN_MS).max(HTTP_TIMEOUT_MAX_MS),
    save: z.array(z.object({ variable: variableName, path: z.string().min(1) })),
  }),
  handoff: z.object({ queue: z.string().min(1), text: text(L.textBody).optional() }),
  end: z.object({ text: text(L.textBody).optional() }),
};

export type FieldProblem = { code: string; max?: number; min?: number };

/** zod issues of a node's data keyed by lint-style field path ("data.buttons.1.title"). */
export function inspectorProblems(type: NodeType, data: unknown): Map<string, FieldProblem> {
  const schema = INSPECTOR_SCHEMAS[type];
  const out = new Map<string, FieldProblem>();
  if (!schema) return out;
  const result = schema.safeParse(data);
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = ["data", ...issue.path.map(String)].join(".");
    if (out.has(path)) continue;
    const problem: FieldProblem = { code: issue.code };
    if (issue.code === "too_big") problem.max = Number(issue.maximum);
    if (issue.code === "too_small") problem.min = Number(issue.minimum);
    if (issue.code === "too_small" && issue.origin === "string") problem.code = "required";
    out.set(path, problem);
  }
  return out;
}
