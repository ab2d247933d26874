CREATE TABLE "business_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"time_zone" text DEFAULT 'Europe/London' NOT NULL,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"min_notice_minutes" integer DEFAULT 1440 NOT NULL,
	"horizon_days" integer DEFAULT 60 NOT NULL,
	"slot_step_minutes" integer DEFAULT 30 NOT NULL,
	"cancellation_cutoff_minutes" integer DEFAULT 1440 NOT NULL,
	"hold_minutes" integer DEFAULT 15 NOT NULL,
	"vat_rate_percent" double precision DEFAULT 20 NOT NULL,
	"prices_include_vat" boolean DEFAULT true NOT NULL,
	"weekly_discount_percent" integer DEFAULT 15 NOT NULL,
	"fortnightly_discount_percent" integer DEFAULT 10 NOT NULL,
	"four_weekly_discount_percent" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "business_settings_single_row" CHECK (id = 1),
	CONSTRAINT "business_settings_ranges" CHECK (min_notice_minutes >= 0 AND horizon_days >= 1 AND slot_step_minutes BETWEEN 5 AND 240
				AND cancellation_cutoff_minutes >= 0 AND hold_minutes BETWEEN 1 AND 1440
				AND vat_rate_percent >= 0 AND vat_rate_percent < 100
				AND vat_rate_percent = round(vat_rate_percent::numeric, 2)),
	CONSTRAINT "business_settings_discounts" CHECK (weekly_discount_percent BETWEEN 0 AND 100 AND fortnightly_discount_percent BETWEEN 0 AND 100
				AND four_weekly_discount_percent BETWEEN 0 AND 100)
);
