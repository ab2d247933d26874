-- One cleaner can never hold two overlapping appointments that still occupy them, padding included.
-- The padded span lives in plain columns (blocked_from, blocked_until) written with the appointment:
-- Postgres refuses an index over `start_time - padding` (the expression is not IMMUTABLE).
-- A violation raises SQLSTATE 23P01, which the app reports as SLOT_TAKEN.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_staff_overlap"
	EXCLUDE USING gist ("staff_id" WITH =, tstzrange("blocked_from", "blocked_until") WITH &&)
	WHERE ("status" NOT IN ('cancelled', 'expired'));
