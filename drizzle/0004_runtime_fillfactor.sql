-- Custom SQL migration file, put your code below! --
-- The runtime updates these rows a few times each (conversation state per message, the
-- contact's 24-hour window, outbox leases). Free space in each page lets PostgreSQL make those
-- HOT updates (no new index entries); it measurably lowers the database's CPU per message.
ALTER TABLE "conversations" SET (fillfactor = 70);--> statement-breakpoint
ALTER TABLE "contacts" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "outbox" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "inbox" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "messages" SET (fillfactor = 90);
