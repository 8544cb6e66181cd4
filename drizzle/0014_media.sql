CREATE TYPE "public"."media_status" AS ENUM('pending', 'stored', 'failed');--> statement-breakpoint
CREATE TABLE "media" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"wa_media_id" text NOT NULL,
	"kind" text NOT NULL,
	"declared_mime" text,
	"sniffed_mime" text,
	"size" bigint,
	"sha256" text,
	"filename" text,
	"caption" text,
	"voice" boolean DEFAULT false NOT NULL,
	"status" "media_status" DEFAULT 'pending' NOT NULL,
	"failure_code" text,
	"failure_detail" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"lease_instance" text,
	"lease_boot" text,
	"storage_key" text,
	"thumbnail_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stored_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "media_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "media_channel_wa_media_uq" ON "media" USING btree ("channel_id","wa_media_id");--> statement-breakpoint
CREATE INDEX "media_due_idx" ON "media" USING btree ("next_attempt_at") WHERE "media"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "media_stored_idx" ON "media" USING btree ("stored_at") WHERE "media"."status" = 'stored' and "media"."deleted_at" is null;