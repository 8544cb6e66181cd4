ALTER TABLE "contacts" drop column "search";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, translate(coalesce(name, '') || ' ' || wa_id, 'ÁÀÂÃÄÅáàâãäåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÕÖóòôõöÚÙÛÜúùûüÇçÑñÝýÿ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnYyy')) || jsonb_to_tsvector('simple'::regconfig, translate(fields::text, 'ÁÀÂÃÄÅáàâãäåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÕÖóòôõöÚÙÛÜúùûüÇçÑñÝýÿ', 'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuCcNnYyy')::jsonb, '["string"]'::jsonb)) STORED;--> statement-breakpoint
-- Dropping the column dropped its index: built again over the folded document.
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search");
