ALTER TABLE "inbox" ADD COLUMN "lease_instance" text;--> statement-breakpoint
ALTER TABLE "inbox" ADD COLUMN "lease_boot" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_instance" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "lease_boot" text;