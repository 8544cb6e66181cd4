/** Shapes shared by the campaign tables (lib/db/schema.ts), the loop, the API and the UI. */

export const CAMPAIGN_STATUSES = ["scheduled", "running", "paused", "stopped", "completed", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RECIPIENT_STATUSES = ["pending", "queued", "sent", "delivered", "read", "failed", "skipped"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/**
 * The template a campaign sends, as it was when the campaign was created: the send is built
 * from this snapshot, so a later edit of the template list cannot change a running campaign.
 * `variables` are the template's placeholders in send order, keyed `body.1`, `header.1`,
 * `button.0.1` (component, then the variable's number).
 */
export type CampaignTemplate = {
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  /** The body with its {{n}} placeholders (previews). */
  bodyText: string;
  variables: string[];
};

/** Where a template variable's value comes from. */
export type VariableSource = { source: "column"; column: string } | { source: "field"; field: string } | { source: "text"; text: string };
export type VariableMapping = Record<string, VariableSource>;

export type CampaignAudience = { kind: "csv"; filename?: string | null } | { kind: "tag"; tag: string };

/** Recipient counts by status, plus replies (a recipient who replied is also sent/delivered/read). */
export type CampaignTotals = Record<RecipientStatus, number> & { total: number; replied: number };
