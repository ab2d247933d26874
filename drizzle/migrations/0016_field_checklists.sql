ALTER TABLE "notification_log" DROP CONSTRAINT "notification_log_kind_check";--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "checklist" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "field_events" ADD COLUMN "clock_offset_ms" integer;--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_kind_check" CHECK (kind IN ('confirmed', 'rescheduled', 'cancelled', 'reminder', 'unassigned', 'on_my_way'));