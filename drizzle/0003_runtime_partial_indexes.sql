DROP INDEX "inbox_pending_idx";--> statement-breakpoint
DROP INDEX "inbox_contact_idx";--> statement-breakpoint
DROP INDEX "outbox_pending_idx";--> statement-breakpoint
DROP INDEX "outbox_contact_idx";--> statement-breakpoint
CREATE INDEX "inbox_due_idx" ON "inbox" USING btree ("next_attempt_at") WHERE "inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "inbox_dead_idx" ON "inbox" USING btree ("id") WHERE "inbox"."status" = 'dead';--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_message_idx" ON "outbox" USING btree ("message_id") WHERE "outbox"."message_id" is not null;