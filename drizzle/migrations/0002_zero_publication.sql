-- Zero replicates exactly the tables of this publication (ZERO_APP_PUBLICATIONS=zero_data).
-- Security: user_passwords, sessions and calendar_credentials hold secrets and are left out on
-- purpose; a column merely left out of the Zero schema would still reach zero-cache's replica file.
-- A new synced table must be added here in its own migration (tests compare this list with the
-- Zero schema).
CREATE PUBLICATION "zero_data" FOR TABLE
	"users", "profiles",
	"categories", "services", "service_extras", "locations",
	"staff", "staff_schedules", "staff_time_off", "staff_services", "staff_areas",
	"customers",
	"managers", "manager_locations", "manager_staff", "manager_customers",
	"appointments", "customer_appointments",
	"payments", "invoices";
