ALTER TABLE "appointments" ADD COLUMN "series_id" uuid;--> statement-breakpoint
CREATE INDEX "idx_appointments_series" ON "appointments" USING btree ("series_id");