-- The transcript's strict order (lib/db/schema.ts, messages.seq). Rows written before this
-- migration are numbered in the order the desk showed them (created_at, then id); new rows
-- continue the identity sequence after them.
ALTER TABLE "messages" ADD COLUMN "seq" bigint;--> statement-breakpoint
UPDATE "messages" m SET "seq" = o.n FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "id") AS n FROM "messages") o WHERE m."id" = o."id";--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "seq" ADD GENERATED ALWAYS AS IDENTITY (sequence name "messages_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
SELECT setval('"messages_seq_seq"', (SELECT coalesce(max("seq"), 0) + 1 FROM "messages"), false);--> statement-breakpoint
CREATE INDEX "messages_conversation_seq_idx" ON "messages" USING btree ("conversation_id","seq");--> statement-breakpoint
DROP INDEX "messages_conversation_idx";
--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "customer_messages" jsonb DEFAULT '{}'::jsonb NOT NULL;