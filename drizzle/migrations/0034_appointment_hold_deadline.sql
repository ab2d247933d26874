-- A booking's unpaid hold runs out at a time kept on the booking, swept by the worker every minute
-- (booking__expire_holds), instead of one queued job per booking: that job cost about a millisecond
-- of database time for each booking made.
ALTER TABLE "appointments" ADD COLUMN "hold_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "idx_appointments_hold_expires_at" ON "appointments" USING btree ("hold_expires_at") WHERE status = 'pending' AND hold_expires_at IS NOT NULL;--> statement-breakpoint
-- Holds already queued as jobs (`hold:<first id>`, for the series too) move onto their bookings.
DO $$
BEGIN
	IF to_regclass('graphile_worker.jobs') IS NOT NULL THEN
		UPDATE appointments a SET hold_expires_at = j.run_at
			FROM graphile_worker.jobs j
			WHERE j.key = 'hold:' || coalesce(a.series_id, a.id) AND a.status = 'pending';
		PERFORM graphile_worker.remove_job(key) FROM graphile_worker.jobs WHERE key LIKE 'hold:%';
	END IF;
END $$;
