-- staff_busy mirrors its sources in the same transaction as every write to them: an appointment
-- that still holds its cleaner (not cancelled or expired, the exclusion constraint's rule) and
-- approved time off. Writes that change none of the mirrored columns leave it untouched.
CREATE FUNCTION staff_busy_from_appointment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR NEW.status IN ('cancelled', 'expired') THEN
		DELETE FROM staff_busy WHERE id = OLD.id OR id = NEW.id;
		RETURN NULL;
	END IF;
	INSERT INTO staff_busy (id, staff_id, source, blocked_from, blocked_until)
	VALUES (NEW.id, NEW.staff_id, 'appointment', NEW.blocked_from, NEW.blocked_until)
	ON CONFLICT (id) DO UPDATE SET staff_id = EXCLUDED.staff_id,
		blocked_from = EXCLUDED.blocked_from, blocked_until = EXCLUDED.blocked_until
	WHERE (staff_busy.staff_id, staff_busy.blocked_from, staff_busy.blocked_until)
		IS DISTINCT FROM (EXCLUDED.staff_id, EXCLUDED.blocked_from, EXCLUDED.blocked_until);
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER appointments_busy_insert AFTER INSERT ON appointments
	FOR EACH ROW EXECUTE FUNCTION staff_busy_from_appointment();
--> statement-breakpoint
CREATE TRIGGER appointments_busy_update
	AFTER UPDATE OF staff_id, blocked_from, blocked_until, status ON appointments
	FOR EACH ROW EXECUTE FUNCTION staff_busy_from_appointment();
--> statement-breakpoint
CREATE TRIGGER appointments_busy_delete AFTER DELETE ON appointments
	FOR EACH ROW EXECUTE FUNCTION staff_busy_from_appointment();
--> statement-breakpoint
CREATE FUNCTION staff_busy_from_time_off() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' OR NEW.status <> 'approved' THEN
		DELETE FROM staff_busy WHERE id = OLD.id OR id = NEW.id;
		RETURN NULL;
	END IF;
	INSERT INTO staff_busy (id, staff_id, source, blocked_from, blocked_until)
	VALUES (NEW.id, NEW.staff_id, 'time_off', NEW.starts_at, NEW.ends_at)
	ON CONFLICT (id) DO UPDATE SET staff_id = EXCLUDED.staff_id,
		blocked_from = EXCLUDED.blocked_from, blocked_until = EXCLUDED.blocked_until;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER staff_time_off_busy AFTER INSERT OR UPDATE OR DELETE ON staff_time_off
	FOR EACH ROW EXECUTE FUNCTION staff_busy_from_time_off();
--> statement-breakpoint
INSERT INTO staff_busy (id, staff_id, source, blocked_from, blocked_until)
	SELECT id, staff_id, 'appointment', blocked_from, blocked_until FROM appointments
	WHERE status NOT IN ('cancelled', 'expired');
--> statement-breakpoint
INSERT INTO staff_busy (id, staff_id, source, blocked_from, blocked_until)
	SELECT id, staff_id, 'time_off', starts_at, ends_at FROM staff_time_off WHERE status = 'approved';
--> statement-breakpoint
ALTER PUBLICATION "zero_data" ADD TABLE "staff_busy";
