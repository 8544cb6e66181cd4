/**
 * Starting points for new flows, in the UI language. Every template is lint-clean with the
 * queues it is given (tests/unit/flow-templates.test.ts), so it can be published as is.
 */
import { businessHoursTemplate } from "./business-hours";
import { faqMenuTemplate } from "./faq-menu";
import { leadCaptureTemplate } from "./lead-capture";
import { orderStatusTemplate } from "./order-status";
import type { FlowTemplate } from "./types";

export type { FlowTemplate, TemplateLocale, TemplateOptions, TemplateQueues } from "./types";

export const FLOW_TEMPLATES: readonly FlowTemplate[] = [faqMenuTemplate, orderStatusTemplate, leadCaptureTemplate, businessHoursTemplate];

export type FlowTemplateId = FlowTemplate["id"];
