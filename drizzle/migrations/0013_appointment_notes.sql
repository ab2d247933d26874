CREATE TABLE "appointment_notes" (
	"appointment_id" uuid PRIMARY KEY NOT NULL,
	"internal_notes" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appointment_notes" ADD CONSTRAINT "appointment_notes_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The office's notes move out of the appointment rows customers sync; existing notes come along.
INSERT INTO "appointment_notes" ("appointment_id", "internal_notes", "updated_at")
	SELECT "id", "internal_notes", "updated_at" FROM "appointments" WHERE "internal_notes" <> '';
--> statement-breakpoint
ALTER TABLE "appointments" DROP COLUMN "internal_notes";
--> statement-breakpoint
ALTER PUBLICATION "zero_data" ADD TABLE "appointment_notes";