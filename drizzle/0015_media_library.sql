CREATE TABLE "media_library" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumbnail_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "media_library_uploads" (
	"library_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"wa_media_id" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_library_uploads_library_id_channel_id_pk" PRIMARY KEY("library_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "library_id" uuid;--> statement-breakpoint
ALTER TABLE "media_library" ADD CONSTRAINT "media_library_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_library_uploads" ADD CONSTRAINT "media_library_uploads_library_id_media_library_id_fk" FOREIGN KEY ("library_id") REFERENCES "public"."media_library"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_library_uploads" ADD CONSTRAINT "media_library_uploads_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "media_library_listed_idx" ON "media_library" USING btree ("created_at") WHERE "media_library"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "media_library_sha256_uq" ON "media_library" USING btree ("sha256") WHERE "media_library"."deleted_at" is null;