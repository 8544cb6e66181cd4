ALTER TABLE "inbox" DROP CONSTRAINT "inbox_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "status_events" DROP CONSTRAINT "status_events_channel_id_channels_id_fk";
