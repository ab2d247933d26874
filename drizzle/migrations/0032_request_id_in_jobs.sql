-- The request id of the transaction that queues a job, in the job's payload, for jobs queued by
-- triggers too (code passes it itself: server/observe/context.ts `jobPayload`). Every transaction
-- begun inside a traced request or job sets `valclean.request_id` for itself (server/observe/
-- db-trace.ts, set_config(…, true): gone at commit, so it never leaks into a pooled connection's
-- next transaction); the worker's logger reads `requestId` back from the payload. Outside one
-- (psql, a migration) the setting is unset or '' and the payload stays as it was.
CREATE FUNCTION job_payload(payload jsonb) RETURNS json LANGUAGE sql STABLE AS $$
	SELECT CASE
		WHEN coalesce(current_setting('valclean.request_id', true), '') = '' THEN payload::json
		ELSE (payload || jsonb_build_object('requestId', current_setting('valclean.request_id', true)))::json
	END
$$;
--> statement-breakpoint
-- As in 0029, with the payload made by job_payload.
CREATE OR REPLACE FUNCTION calendar_push_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
			job_payload(jsonb_build_object('appointmentId', appointment)),
			job_key := 'calendar-push:' || appointment,
			job_key_mode := 'replace',
			max_attempts := 25);
	END IF;
	RETURN NULL;
END $$;
