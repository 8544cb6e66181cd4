-- A message row carries no request body: it is rendered from its transcript message's payload
-- when sent (from memory for replies handed to the sender directly), so a reply's content is
-- not written twice, nor copied again by the non-HOT update that records the send. Rows
-- written before keep their body and go out as they are.
ALTER TABLE "outbox" ALTER COLUMN "body" DROP NOT NULL;