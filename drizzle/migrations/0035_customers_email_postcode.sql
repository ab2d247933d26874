-- A booking finds its returning customer by email and postcode (customer-record.ts): one index on
-- both. The postcode-only index served no other query, and plans made before the statistics
-- caught up took it, reading everyone at a busy postcode to find one email.
DROP INDEX "idx_customers_email";--> statement-breakpoint
DROP INDEX "idx_customers_postcode";--> statement-breakpoint
CREATE INDEX "idx_customers_email_postcode" ON "customers" USING btree ("email","postcode");