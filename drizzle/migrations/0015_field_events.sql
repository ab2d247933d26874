CREATE TABLE "field_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"device_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"hlc" text NOT NULL,
	"device_time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"refusal" text,
	CONSTRAINT "field_events_kind_check" CHECK (kind IN ('on_my_way', 'clock_in', 'clock_out', 'checklist', 'note', 'photo', 'problem')),
	CONSTRAINT "field_events_payload_check" CHECK (jsonb_typeof(payload) = 'object')
);
--> statement-breakpoint
ALTER TABLE "field_events" ADD CONSTRAINT "field_events_job_id_appointments_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_events" ADD CONSTRAINT "field_events_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_field_events_job_hlc" ON "field_events" USING btree ("job_id","hlc");--> statement-breakpoint
CREATE INDEX "idx_field_events_staff" ON "field_events" USING btree ("staff_id","received_at");--> statement-breakpoint
ALTER PUBLICATION "zero_data" ADD TABLE "field_events";
