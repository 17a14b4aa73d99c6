CREATE TABLE "case_counters" (
	"center_id" integer NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_center_id_day_pk" PRIMARY KEY("center_id","day")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"case_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"role" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"client_address" text NOT NULL,
	"comment" text,
	"data" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "case_events_case_id_seq_pk" PRIMARY KEY("case_id","seq")
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"stage" integer NOT NULL,
	"stage_name" text NOT NULL,
	"department_id" integer NOT NULL,
	"lead" boolean NOT NULL,
	"limit_days" integer NOT NULL,
	"status" text NOT NULL,
	"started_date" date,
	"due_date" date,
	"finished_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"case_no" text NOT NULL,
	"item_version_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"kind" text NOT NULL,
	"department_id" integer NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"applicant_credit_code" text,
	"applicant_phone" text NOT NULL,
	"agent" jsonb,
	"channel" text NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"materials" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"received_by" integer,
	"accepted_at" timestamp with time zone,
	"accepted_date" date,
	"promised_days" integer NOT NULL,
	"paused_days" integer DEFAULT 0 NOT NULL,
	"pause" jsonb,
	"due_date" date,
	"due_provisional" boolean DEFAULT false NOT NULL,
	"warning_level" text DEFAULT 'none' NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_date" date,
	"timeliness" text,
	"result_no" text,
	"delivered_at" timestamp with time zone,
	"delivery" jsonb,
	"closed_reason" text,
	"cancel_token" text NOT NULL,
	"last_event_hash" text DEFAULT '' NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text NOT NULL,
	"user_id" integer NOT NULL,
	"request_hash" text NOT NULL,
	"state" text NOT NULL,
	"status_code" integer,
	"response" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"case_id" integer,
	"recipient" text NOT NULL,
	"template" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE INDEX "case_tasks_case" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_dept_status" ON "case_tasks" USING btree ("department_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_no_center" ON "cases" USING btree ("case_no","center_id");--> statement-breakpoint
CREATE INDEX "cases_dept_status_due" ON "cases" USING btree ("department_id","status","due_date");--> statement-breakpoint
CREATE INDEX "cases_received_by" ON "cases" USING btree ("received_by","received_at");--> statement-breakpoint
CREATE INDEX "cases_phone" ON "cases" USING btree ("applicant_phone");--> statement-breakpoint
CREATE INDEX "cases_id_number" ON "cases" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "outbox_due" ON "outbox" USING btree ("status","next_attempt_at");