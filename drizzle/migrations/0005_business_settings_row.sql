-- The one settings row, with the defaults of the schema; and Zero syncs it (nothing secret in it).
INSERT INTO "business_settings" ("id") VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER PUBLICATION "zero_data" ADD TABLE "business_settings";
