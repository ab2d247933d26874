-- Rate-limit counters are written on every public booking and slot search (one upsert each, plus
-- the booking's per-email hold count). As an unlogged table they write no WAL: no WAL flush for
-- the per-address count's own commit, and nothing for Zero's logical decoding to read and throw
-- away. What is given up: after a crash, or on a standby after failover, the counts start again
-- from zero (a fresh window for everyone), which a rate limit can afford.
ALTER TABLE "rate_limits" SET UNLOGGED;
