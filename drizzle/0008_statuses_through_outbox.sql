-- Statuses find their transcript message through the outbox row that sent it: with no index on
-- messages.wa_message_id, recording a send (wamid, delivery status) changes no indexed column of
-- the transcript row, so it is a HOT update wherever the page has room, and otherwise writes one
-- index entry fewer.
DROP INDEX "messages_wa_message_idx";--> statement-breakpoint
CREATE INDEX "outbox_wa_message_idx" ON "outbox" USING btree ("wa_message_id") WHERE "outbox"."wa_message_id" is not null;