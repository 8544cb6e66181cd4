CREATE TABLE "csat_responses" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"channel_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"queue_id" uuid,
	"agent_id" uuid,
	"scale" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"score" integer,
	"answered_at" timestamp with time zone,
	"comment" text,
	"commented_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "csat_pending" jsonb;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "csat_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "csat_scale" text DEFAULT 'faces' NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "csat_comment" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "queues" ADD COLUMN "csat_texts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_queue_id_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."queues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_responses" ADD CONSTRAINT "csat_responses_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csat_responses_sent_idx" ON "csat_responses" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "csat_responses_agent_sent_idx" ON "csat_responses" USING btree ("agent_id","sent_at");