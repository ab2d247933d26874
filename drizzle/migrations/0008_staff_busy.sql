CREATE TABLE "staff_busy" (
	"id" uuid PRIMARY KEY NOT NULL,
	"staff_id" uuid NOT NULL,
	"source" text NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_busy_source_check" CHECK (source IN ('appointment', 'time_off'))
);
--> statement-breakpoint
ALTER TABLE "staff_busy" ADD CONSTRAINT "staff_busy_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_staff_busy_staff_span" ON "staff_busy" USING btree ("staff_id","blocked_from");--> statement-breakpoint
CREATE INDEX "idx_staff_busy_span" ON "staff_busy" USING btree ("blocked_from");