import type { TemplateComponent } from "@/lib/contacts/templates/schema";

/** A synced template as the desk, the admin page and the API show it (plain: client components import it). */
export type TemplateSummary = {
  id: string;
  channelId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  rejectionReason: string | null;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: TemplateComponent[];
  updatedAt: string;
};
