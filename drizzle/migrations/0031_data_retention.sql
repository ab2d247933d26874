ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_source_check";--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "photo_retention_days" integer DEFAULT 180;--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "position_retention_days" integer DEFAULT 90;--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "message_retention_days" integer DEFAULT 180;--> statement-breakpoint
ALTER TABLE "business_settings" ADD COLUMN "abandoned_booking_retention_days" integer DEFAULT 30;--> statement-breakpoint
ALTER TABLE "business_settings" ADD CONSTRAINT "business_settings_retention" CHECK ((photo_retention_days IS NULL OR photo_retention_days BETWEEN 1 AND 3650)
				AND (position_retention_days IS NULL OR position_retention_days BETWEEN 1 AND 3650)
				AND (message_retention_days IS NULL OR message_retention_days BETWEEN 1 AND 3650)
				AND (abandoned_booking_retention_days IS NULL
					OR abandoned_booking_retention_days BETWEEN 1 AND 3650));--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_source_check" CHECK (source IN ('app', 'api', 'system'));