-- Names customers and managers pick from are unique, whatever the case: an extra within its service, a location within the business.
CREATE UNIQUE INDEX "locations_name_unique" ON "locations" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "service_extras_service_name_unique" ON "service_extras" USING btree ("service_id",lower("name"));
