import type { TemplateComponent } from "@/lib/contacts/templates/schema";

/** Shapes shared by the campaign tables (lib/db/schema.ts), the loop, the API and the UI. */

export const CAMPAIGN_STATUSES = ["scheduled", "running", "paused", "stopped", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RECIPIENT_STATUSES = ["pending", "queued", "sent", "delivered", "read", "failed", "skipped"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * The template a campaign sends, as it was synced when the campaign was created (Meta's shape,
 * lib/contacts/templates): the sends are built from this snapshot, so a later sync cannot change
 * a running campaign's parameters. `variables` are what each recipient fills, keyed
 * `header.<var>` (or `header.image|video|document`: the media's https link), `body.<var>` and
 * `button.<index>.<var>` — e.g. `body.1`, `body.first_name`, `button.0.1`. `headerLibraryId`: the
 * media header is this media library file (the mapping's `library` source), the same for every
 * recipient: the sender uploads it once per channel and sends the upload's id.
 */
export type CampaignTemplate = {
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  parameterFormat: "POSITIONAL" | "NAMED";
  components: TemplateComponent[];
  variables: string[];
  headerLibraryId?: string;
};

/** Where a template variable's value comes from; `library` (a media header only): one media library file for every recipient. */
export type VariableSource =
  | { source: "column"; column: string }
  | { source: "field"; field: string }
  | { source: "text"; text: string }
  | { source: "library"; libraryId: string };
export type VariableMapping = Record<string, VariableSource>;

export type CampaignAudience = { kind: "csv"; filename?: string | null } | { kind: "tag"; tag: string };

/** Recipient counts by status, plus replies (a recipient who replied is also sent/delivered/read). */
export type CampaignTotals = Record<RecipientStatus, number> & { total: number; replied: number };
