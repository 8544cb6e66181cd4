ALTER TABLE "messages" DROP CONSTRAINT "messages_conversation_id_conversations_id_fk";
