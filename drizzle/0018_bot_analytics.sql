ALTER TABLE "conversations" ADD COLUMN "bot_outcome" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_outcome_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_outcome_node" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bot_answers" jsonb;--> statement-breakpoint
CREATE INDEX "conversations_version_opened_idx" ON "conversations" USING btree ("flow_version_id","opened_at");--> statement-breakpoint
CREATE INDEX "conversations_opened_idx" ON "conversations" USING btree ("opened_at");--> statement-breakpoint
-- Conversations the bot let go before this migration: their outcome from what their row says
-- (docs/analytics.md). A contained conversation an agent reopened since has lost its close
-- reason and stays without an outcome.
UPDATE "conversations" SET
  "bot_outcome" = CASE WHEN "queued_at" IS NOT NULL THEN 'handoff' WHEN "closed_reason" = 'timeout' THEN 'abandoned' ELSE 'contained' END,
  "bot_outcome_at" = COALESCE("queued_at", "closed_at"),
  "bot_outcome_node" = "flow_state"->>'nodeId'
WHERE "bot_outcome" IS NULL AND ("queued_at" IS NOT NULL OR "closed_reason" IN ('end', 'keyword', 'timeout'));
