CREATE TABLE "sandbox_templates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"waba_id" text NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"rejected_reason" text,
	"parameter_format" text DEFAULT 'POSITIONAL' NOT NULL,
	"components" jsonb NOT NULL,
	"review_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sandbox_templates_waba_name_lang_uq" ON "sandbox_templates" USING btree ("waba_id","name","language");--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "waba_id" text;--> statement-breakpoint
-- Sandbox channels belong to the sandbox's WABA (the id its webhooks carry), where the sandbox keeps its templates.
UPDATE "channels" SET "waba_id" = '100000000000000' WHERE "sandbox";--> statement-breakpoint
-- Hand-typed templates had no channel: each becomes an approved body-only template of every channel.
CREATE TABLE "message_templates_typed" AS SELECT "name", "language", "body_text", "created_at" FROM "message_templates";--> statement-breakpoint
DROP TABLE "message_templates";--> statement-breakpoint
CREATE TABLE "message_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid NOT NULL,
	"waba_id" text,
	"meta_id" text,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"category" text NOT NULL,
	"status" text NOT NULL,
	"rejection_reason" text,
	"parameter_format" text DEFAULT 'POSITIONAL' NOT NULL,
	"components" jsonb NOT NULL,
	"synced_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_templates" ADD CONSTRAINT "message_templates_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "message_templates_channel_name_lang_uq" ON "message_templates" USING btree ("channel_id","name","language");--> statement-breakpoint
CREATE INDEX "message_templates_meta_idx" ON "message_templates" USING btree ("meta_id") WHERE "message_templates"."meta_id" is not null;--> statement-breakpoint
INSERT INTO "message_templates" ("channel_id", "waba_id", "name", "language", "category", "status", "components", "created_at")
SELECT c."id", c."waba_id", t."name", t."language", 'UTILITY', 'APPROVED',
	jsonb_build_array(jsonb_build_object('type', 'BODY', 'text', t."body_text")), t."created_at"
FROM "message_templates_typed" t CROSS JOIN "channels" c;--> statement-breakpoint
DROP TABLE "message_templates_typed";
