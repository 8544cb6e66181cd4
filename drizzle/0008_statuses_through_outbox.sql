-- Statuses find their transcript message through the outbox row that sent it: with no index on
-- messages.wa_message_id, recording a send (wamid, delivery status) is a HOT update of the
-- transcript row — no new entries in its indexes, about a third less WAL for that write.
DROP INDEX "messages_wa_message_idx";--> statement-breakpoint
CREATE INDEX "outbox_wa_message_idx" ON "outbox" USING btree ("wa_message_id") WHERE "outbox"."wa_message_id" is not null;