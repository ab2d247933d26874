CREATE TABLE "field_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_photos_content_type_check" CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
	CONSTRAINT "field_photos_size_check" CHECK (bytes > 0 AND width > 0 AND height > 0)
);
--> statement-breakpoint
ALTER TABLE "field_photos" ADD CONSTRAINT "field_photos_job_id_appointments_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_photos" ADD CONSTRAINT "field_photos_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_field_photos_job" ON "field_photos" USING btree ("job_id","created_at");