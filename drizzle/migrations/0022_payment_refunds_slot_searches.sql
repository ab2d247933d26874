CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_appointment_id" uuid NOT NULL,
	"payment_id" uuid,
	"amount" integer NOT NULL,
	"method" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"gateway_refund_id" text,
	"recorded_by" uuid,
	"refunded_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "payment_refunds_amount_check" CHECK (amount > 0),
	CONSTRAINT "payment_refunds_method_check" CHECK (method IN ('gateway', 'cash', 'bank_transfer'))
);
--> statement-breakpoint
CREATE TABLE "slot_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"searched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service_id" uuid,
	"district" text DEFAULT '' NOT NULL,
	"date_asked" date,
	"source" text NOT NULL,
	"slots_found" integer
);
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_customer_appointment_id_customer_appointments_id_fk" FOREIGN KEY ("customer_appointment_id") REFERENCES "public"."customer_appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD CONSTRAINT "payment_refunds_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_payment_refunds_booking" ON "payment_refunds" USING btree ("customer_appointment_id");--> statement-breakpoint
CREATE INDEX "idx_payment_refunds_refunded_at" ON "payment_refunds" USING btree ("refunded_at");--> statement-breakpoint
CREATE INDEX "idx_slot_searches_searched_at" ON "slot_searches" USING btree ("searched_at");--> statement-breakpoint
-- The office's booking card lists a booking's refunds live.
ALTER PUBLICATION "zero_data" ADD TABLE "payment_refunds";--> statement-breakpoint
-- Refunds made before this table existed marked their payment `refunded` in full: one row each,
-- so that revenue (payments minus refunds) counts them.
INSERT INTO "payment_refunds" ("customer_appointment_id", "payment_id", "amount", "method", "gateway_refund_id", "reason", "refunded_at")
SELECT "customer_appointment_id", "id", "amount",
	CASE WHEN "gateway_response" ? 'driver' THEN 'gateway' ELSE 'cash' END,
	"gateway_response"->>'refund_id',
	COALESCE("gateway_response"->>'refund_reason', ''),
	COALESCE(("gateway_response"->>'refunded_at')::timestamptz, "created_at")
FROM "payments" WHERE "status" = 'refunded' AND "amount" > 0;
