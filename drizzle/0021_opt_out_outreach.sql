CREATE TABLE "api_message_requests" (
	"client_key" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"token_id" uuid,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"protocol" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "opted_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "opt_out_source" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "origin" text;--> statement-breakpoint
ALTER TABLE "workspace" ADD COLUMN "opt_out_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;