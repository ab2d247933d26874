CREATE TABLE "notification_log" (
	"key" text PRIMARY KEY NOT NULL,
	"appointment_id" uuid,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"channel" text NOT NULL,
	"to_address" text NOT NULL,
	"driver" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"provider_message_id" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notification_log_kind_check" CHECK (kind IN ('confirmed', 'rescheduled', 'cancelled', 'reminder', 'unassigned')),
	CONSTRAINT "notification_log_recipient_check" CHECK (recipient IN ('customer', 'cleaner')),
	CONSTRAINT "notification_log_channel_check" CHECK (channel IN ('email', 'sms')),
	CONSTRAINT "notification_log_driver_check" CHECK (driver IN ('outbox', 'sendgrid', 'twilio')),
	CONSTRAINT "notification_log_status_check" CHECK (status IN ('sending', 'sent', 'failed', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "outbox_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text,
	"text" text NOT NULL,
	"html" text,
	"notification_key" text NOT NULL,
	"appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_messages_notification_key_unique" UNIQUE("notification_key"),
	CONSTRAINT "outbox_messages_channel_check" CHECK (channel IN ('email', 'sms'))
);
--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD CONSTRAINT "outbox_messages_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_notification_log_appointment" ON "notification_log" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "idx_notification_log_status" ON "notification_log" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_outbox_messages_created" ON "outbox_messages" USING btree ("created_at");