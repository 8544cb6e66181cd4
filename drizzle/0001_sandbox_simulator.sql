ALTER TABLE "sandbox_messages" ADD COLUMN "direction" text DEFAULT 'outbound' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "status" text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "error" jsonb;--> statement-breakpoint
ALTER TABLE "sandbox_messages" ADD COLUMN "typing_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sandbox_messages_wamid_idx" ON "sandbox_messages" USING btree ("phone_number_id","wa_message_id");