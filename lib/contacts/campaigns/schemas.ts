import { z } from "zod";
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from "./types";

/** Largest CSV accepted in a request (about 50,000 rows of a phone and a few variables). */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;

const variableSource = z.discriminatedUnion("source", [
  z.object({ source: z.literal("column"), column: z.string().trim().min(1).max(200) }),
  z.object({ source: z.literal("field"), field: z.string().trim().min(1).max(100) }),
  z.object({ source: z.literal("text"), text: z.string().trim().min(1, "The fixed text cannot be empty").max(1024) }),
  z.object({ source: z.literal("library"), libraryId: z.uuid("Choose a file of the media library") }),
]);

const mapping = z.record(z.string().regex(/^(header|body)\.[A-Za-z0-9_]+$|^button\.\d+\.[A-Za-z0-9_]+$/, "Variables are named like body.1"), variableSource).default({});

const csvAudience = z.object({
  kind: z.literal("csv"),
  csv: z.string().min(1, "The CSV is empty").max(MAX_CSV_BYTES, "The CSV is larger than 4 MB"),
  filename: z.string().trim().max(240).nullish(),
});

const tagAudience = z.object({ kind: z.literal("tag"), tag: z.string().trim().min(1).max(100) });

/** Checking an audience before creating a campaign: nothing is stored. */
export const campaignPreviewSchema = z.object({
  channelId: z.uuid(),
  templateId: z.uuid(),
  audience: z.discriminatedUnion("kind", [csvAudience, tagAudience]),
  mapping,
});
export type CampaignPreviewInput = z.infer<typeof campaignPreviewSchema>;

export const createCampaignSchema = campaignPreviewSchema.extend({
  name: z.string().trim().min(1, "Give the campaign a name").max(120),
  /** ISO time; absent or null: send now. */
  scheduledAt: z.iso.datetime({ offset: true }).nullish(),
  /** Leave rows with errors out instead of refusing the whole file. */
  skipInvalid: z.boolean().default(false),
  replyTo: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("flow"), flowId: z.uuid() }),
      z.object({ kind: z.literal("queue"), queueId: z.uuid() }),
    ])
    .nullish(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

export const recipientsQuerySchema = z.object({
  status: z.enum([...RECIPIENT_STATUSES, "replied"]).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RecipientsQuery = z.infer<typeof recipientsQuerySchema>;

export const campaignsQuerySchema = z.object({ status: z.enum(CAMPAIGN_STATUSES).optional() });
