ALTER TABLE "outbox" DROP CONSTRAINT "outbox_conversation_id_conversations_id_fk";
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_message_id_messages_id_fk";
