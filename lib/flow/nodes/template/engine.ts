import { checkTemplateParameters, templateContent } from "@/lib/contacts/templates";
import type { NodeEngine } from "../engine-kit";
import { DEFAULT_HANDLE } from "../shared";
import { nodeTemplateParams } from "./params";
import { TEMPLATE_SKIPPED_HANDLE, type TemplateNode } from "./schema";

export const templateEngine: NodeEngine<TemplateNode> = {
  enter(run, node) {
    const template = node.data.template;
    // A draft without a template (publishing refuses it): nothing to send.
    if (!template) return TEMPLATE_SKIPPED_HANDLE;
    // Marketing never reaches a customer who opted out; utility and authentication templates do.
    if (template.category === "MARKETING" && run.ctx.contact.optedOut) return TEMPLATE_SKIPPED_HANDLE;
    const params = nodeTemplateParams(node.data, (text) => run.render(text));
    if (!params || checkTemplateParameters(template, params).length > 0) return TEMPLATE_SKIPPED_HANDLE;
    run.outputs.push(templateContent(template, params));
    return DEFAULT_HANDLE;
  },
};
