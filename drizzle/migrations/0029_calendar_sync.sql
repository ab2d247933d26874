CREATE TABLE "calendar_busy" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"blocked_from" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_busy_user_event" UNIQUE("user_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_events" (
	"appointment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"calendar_id" text NOT NULL,
	"event_id" text NOT NULL,
	"pushed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_events_appointment_id_user_id_pk" PRIMARY KEY("appointment_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "staff_busy" DROP CONSTRAINT "staff_busy_source_check";--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "account" text;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "calendar_id" text;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "calendar_name" text;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "broken_reason" text;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "broken_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "sync_token" text;--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD COLUMN "pulled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_busy" ADD CONSTRAINT "calendar_busy_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_busy" ADD CONSTRAINT "calendar_busy_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_calendar_busy_staff" ON "calendar_busy" USING btree ("staff_id","blocked_from");--> statement-breakpoint
ALTER TABLE "calendar_credentials" ADD CONSTRAINT "calendar_credentials_status_check" CHECK (status IN ('active', 'broken'));--> statement-breakpoint
ALTER TABLE "staff_busy" ADD CONSTRAINT "staff_busy_source_check" CHECK (source IN ('appointment', 'time_off', 'calendar'));--> statement-breakpoint
-- Busy times pulled from a cleaner's calendar block their slots like time off: staff_busy mirrors
-- calendar_busy in the same transaction (see 0009_staff_busy_sync.sql for the other sources).
CREATE FUNCTION staff_busy_from_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM staff_busy WHERE id = OLD.id;
		RETURN NULL;
	END IF;
	INSERT INTO staff_busy (id, staff_id, source, blocked_from, blocked_until)
	VALUES (NEW.id, NEW.staff_id, 'calendar', NEW.blocked_from, NEW.blocked_until)
	ON CONFLICT (id) DO UPDATE SET staff_id = EXCLUDED.staff_id,
		blocked_from = EXCLUDED.blocked_from, blocked_until = EXCLUDED.blocked_until;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER calendar_busy_mirror AFTER INSERT OR UPDATE OR DELETE ON calendar_busy
	FOR EACH ROW EXECUTE FUNCTION staff_busy_from_calendar();
--> statement-breakpoint
-- Every change to where or when a booking is, or whether it still holds its time, queues one push
-- for it, by any path (mutators, REST, the worker's hold expiry, a deleted booking), in the
-- change's own transaction: a rolled-back change pushes nothing. Keyed by booking with
-- job_key_mode 'replace', so a newer change supersedes a push still waiting. Only bookings that
-- touch a connected calendar (the cleaner's, or one the booking is already in) queue anything.
CREATE FUNCTION calendar_push_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	appointment uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
	IF EXISTS (SELECT 1 FROM calendar_events WHERE appointment_id = appointment)
		OR (TG_OP <> 'DELETE' AND EXISTS (
			SELECT 1 FROM staff s JOIN calendar_credentials c ON c.user_id = s.user_id
			WHERE s.id = NEW.staff_id AND c.status = 'active' AND c.calendar_id IS NOT NULL))
	THEN
		PERFORM graphile_worker.add_job(
			'calendar__push',
			json_build_object('appointmentId', appointment),
			job_key := 'calendar-push:' || appointment,
			job_key_mode := 'replace',
			max_attempts := 25);
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER appointments_calendar_push_insert_delete AFTER INSERT OR DELETE ON appointments
	FOR EACH ROW EXECUTE FUNCTION calendar_push_on_change();
--> statement-breakpoint
CREATE TRIGGER appointments_calendar_push_update
	AFTER UPDATE OF staff_id, start_time, end_time, status ON appointments
	FOR EACH ROW EXECUTE FUNCTION calendar_push_on_change();
