-- Deposits per service, one payments row per gateway transaction, and the Stripe events already
-- handled. stripe_events stays out of the zero_data publication: nothing on a device needs it.
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "deposit_kind" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "deposit_value" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_transaction_unique" ON "payments" USING btree ("transaction_id");--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_deposit_kind_check" CHECK (deposit_kind IN ('full', 'percent', 'fixed'));--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_deposit_value_check" CHECK ((deposit_kind = 'full' AND deposit_value = 0)
				OR (deposit_kind = 'percent' AND deposit_value BETWEEN 1 AND 100)
				OR (deposit_kind = 'fixed' AND deposit_value >= 1));