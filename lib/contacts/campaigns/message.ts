import type { CampaignTemplate } from "./types";

type Parameter = { type: "text"; text: string };
type Component =
  | { type: "header" | "body"; parameters: Parameter[] }
  | { type: "button"; sub_type: "url"; index: string; parameters: Parameter[] };

/** `body.2` → ["body", 2]; `button.0.1` → ["button", 1, 0]. */
function parseKey(key: string): { component: string; number: number; button: number } {
  const parts = key.split(".");
  if (parts[0] === "button") return { component: "button", button: Number(parts[1]), number: Number(parts[2]) };
  return { component: parts[0]!, button: 0, number: Number(parts[1]) };
}

/**
 * The Graph API request body of a campaign send: the template with its header, body and URL
 * button parameters in the template's order. Built from the campaign's snapshot of the
 * template and the recipient's resolved variables (checked complete when the campaign was
 * created).
 */
export function campaignMessageBody(waId: string, template: CampaignTemplate, variables: Record<string, string>): Record<string, unknown> {
  const byComponent = new Map<string, { number: number; button: number; text: string }[]>();
  for (const key of template.variables) {
    const { component, number, button } = parseKey(key);
    const group = component === "button" ? `button.${button}` : component;
    byComponent.set(group, [...(byComponent.get(group) ?? []), { number, button, text: variables[key] ?? "" }]);
  }
  const components: Component[] = [];
  for (const [group, values] of byComponent) {
    const parameters = values.sort((a, b) => a.number - b.number).map((v): Parameter => ({ type: "text", text: v.text }));
    if (group === "header" || group === "body") components.push({ type: group, parameters });
    else if (group.startsWith("button.")) components.push({ type: "button", sub_type: "url", index: String(values[0]!.button), parameters });
  }
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: waId,
    type: "template",
    template: { name: template.name, language: { code: template.language }, ...(components.length > 0 ? { components } : {}) },
  };
}

/** The body as the customer reads it, with this recipient's values (previews, the progress view). */
export function renderBody(template: CampaignTemplate, variables: Record<string, string>): string {
  return template.bodyText.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => variables[`body.${n}`] ?? whole);
}
