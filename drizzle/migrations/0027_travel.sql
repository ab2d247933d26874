CREATE TABLE "staff_travel" (
	"staff_id" uuid PRIMARY KEY NOT NULL,
	"home_postcode" text,
	"road_factor" double precision,
	"speed_kmh" double precision,
	"overhead_minutes" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_travel_ranges" CHECK ((road_factor IS NULL OR road_factor BETWEEN 1 AND 3)
				AND (speed_kmh IS NULL OR speed_kmh BETWEEN 3 AND 120)
				AND (overhead_minutes IS NULL OR overhead_minutes BETWEEN 0 AND 120))
);
--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "travel_road_factor" double precision DEFAULT 1.3 NOT NULL;--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "travel_speed_kmh" double precision DEFAULT 25 NOT NULL;--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "travel_overhead_minutes" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_travel" ADD CONSTRAINT "staff_travel_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_settings" ADD CONSTRAINT "business_settings_travel" CHECK (travel_road_factor BETWEEN 1 AND 3 AND travel_speed_kmh BETWEEN 3 AND 120
				AND travel_overhead_minutes BETWEEN 0 AND 120);--> statement-breakpoint
-- Synced for the office (home postcodes are personal: the queries reach them only in scope).
ALTER PUBLICATION "zero_data" ADD TABLE "staff_travel";
