CREATE TABLE "hall_windows" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"category_ids" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"staff_id" integer,
	"staff_name" text
);
--> statement-breakpoint
CREATE TABLE "queue_calls" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"ticket_id" integer NOT NULL,
	"ticket_no" text NOT NULL,
	"window_id" integer NOT NULL,
	"window_number" integer NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"prefix" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"avg_service_minutes" integer DEFAULT 10 NOT NULL,
	"appointment_category" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"category_id" integer NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_counters_category_id_day_pk" PRIMARY KEY("category_id","day")
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"ticket_no" text NOT NULL,
	"token" text NOT NULL,
	"status" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"appointment_code" text,
	"source" text NOT NULL,
	"mobile" text,
	"issued_at" timestamp with time zone NOT NULL,
	"target_window_id" integer,
	"window_id" integer,
	"staff_id" integer,
	"staff_name" text,
	"called_at" timestamp with time zone,
	"call_count" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"transfers" integer DEFAULT 0 NOT NULL,
	"case_no" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "queue_tickets_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "rating_followups" (
	"id" serial PRIMARY KEY NOT NULL,
	"rating_id" integer NOT NULL,
	"center_id" integer NOT NULL,
	"department_id" integer,
	"status" text NOT NULL,
	"contact_due_at" timestamp with time zone NOT NULL,
	"fix_due_date" date NOT NULL,
	"contacted_at" timestamp with time zone,
	"contact_note" text,
	"action_note" text,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" integer,
	"reply_token" text NOT NULL,
	"applicant_satisfied" boolean,
	"applicant_replied_at" timestamp with time zone,
	"history" jsonb NOT NULL,
	CONSTRAINT "rating_followups_rating_id_unique" UNIQUE("rating_id"),
	CONSTRAINT "rating_followups_reply_token_unique" UNIQUE("reply_token")
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"channel" text NOT NULL,
	"level" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"ticket_id" integer,
	"ticket_no" text,
	"case_no" text,
	"item_code" text,
	"item_name" text,
	"department_id" integer,
	"window_number" integer,
	"staff_id" integer,
	"staff_name" text,
	"mobile" text,
	"created_at" timestamp with time zone NOT NULL,
	"set_aside_at" timestamp with time zone,
	"set_aside_by" integer,
	"set_aside_reason" text
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"reply_form" text NOT NULL,
	"about" text NOT NULL,
	"case_no" text,
	"window_number" integer,
	"staff_name" text,
	"department_id" integer,
	"anonymous" boolean DEFAULT false NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"contact_address" text,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"status" text NOT NULL,
	"handler_id" integer,
	"handler_name" text,
	"due_date" date NOT NULL,
	"escalated_at" timestamp with time zone,
	"reply" text,
	"replied_at" timestamp with time zone,
	"replied_by" text,
	"satisfied" boolean,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"history" jsonb NOT NULL,
	CONSTRAINT "complaints_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "department_heads" (
	"department_id" integer PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"phone" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warning_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"task_id" integer,
	"department_id" integer NOT NULL,
	"level" text NOT NULL,
	"due_date" date,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_date" date NOT NULL,
	"read_at" timestamp with time zone,
	"read_by" integer
);
--> statement-breakpoint
CREATE TABLE "supervision_answers" (
	"id" serial PRIMARY KEY NOT NULL,
	"notice_id" integer NOT NULL,
	"answered_by" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	"body" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_notice_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"notice_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"case_id" integer,
	"department_id" integer NOT NULL,
	"issued_by" integer NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"deadline" date NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"answered_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer
);
--> statement-breakpoint
CREATE TABLE "supervision_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"finding_key" text NOT NULL,
	"kind" text NOT NULL,
	"case_id" integer,
	"reviewed_by" integer NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"icon" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_files" (
	"id" text PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"material_code" text NOT NULL,
	"purpose" text NOT NULL,
	"storage_name" text NOT NULL,
	"original_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	CONSTRAINT "catalog_files_storage_name_unique" UNIQUE("storage_name")
);
--> statement-breakpoint
CREATE TABLE "stats_case_facts" (
	"case_id" integer PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"received_day" date NOT NULL,
	"received_hour" integer NOT NULL,
	"accepted_day" date,
	"completed_day" date,
	"immediate" boolean NOT NULL,
	"timeliness" text,
	"refused" boolean NOT NULL,
	"used_days" integer
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"center_id" integer NOT NULL,
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"immediate" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"used_sum" bigint DEFAULT 0 NOT NULL,
	"used_hist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "stats_daily_center_id_day_department_id_item_code_pk" PRIMARY KEY("center_id","day","department_id","item_code")
);
--> statement-breakpoint
CREATE TABLE "stats_hourly" (
	"center_id" integer NOT NULL,
	"day" date NOT NULL,
	"department_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"hour" integer NOT NULL,
	"received" integer NOT NULL,
	CONSTRAINT "stats_hourly_center_id_day_department_id_item_code_hour_pk" PRIMARY KEY("center_id","day","department_id","item_code","hour")
);
--> statement-breakpoint
CREATE TABLE "stats_monthly" (
	"center_id" integer NOT NULL,
	"month" date NOT NULL,
	"department_id" integer NOT NULL,
	"item_code" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"immediate" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"used_sum" bigint DEFAULT 0 NOT NULL,
	"used_hist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"hours" integer[] NOT NULL,
	"weekdays" integer[] NOT NULL,
	CONSTRAINT "stats_monthly_center_id_month_department_id_item_code_pk" PRIMARY KEY("center_id","month","department_id","item_code")
);
--> statement-breakpoint
CREATE TABLE "stats_state" (
	"id" text PRIMARY KEY NOT NULL,
	"watermark" timestamp with time zone,
	"cal_from" date,
	"cal_to" date,
	"cal_hash" text,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stats_workdays" (
	"day" date PRIMARY KEY NOT NULL,
	"ord" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "warning_level" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD COLUMN "next_level_date" date;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "next_level_date" date;--> statement-breakpoint
ALTER TABLE "hall_windows" ADD CONSTRAINT "hall_windows_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_categories" ADD CONSTRAINT "queue_categories_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_answers" ADD CONSTRAINT "supervision_answers_notice_id_supervision_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."supervision_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_answers" ADD CONSTRAINT "supervision_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notice_events" ADD CONSTRAINT "supervision_notice_events_notice_id_supervision_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."supervision_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_reviews" ADD CONSTRAINT "supervision_reviews_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_reviews" ADD CONSTRAINT "supervision_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_files" ADD CONSTRAINT "catalog_files_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_files" ADD CONSTRAINT "catalog_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hall_windows_center_number" ON "hall_windows" USING btree ("center_id","number");--> statement-breakpoint
CREATE INDEX "queue_calls_center" ON "queue_calls" USING btree ("center_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_categories_center_prefix" ON "queue_categories" USING btree ("center_id","prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_center_day_no" ON "queue_tickets" USING btree ("center_id","day","ticket_no");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting" ON "queue_tickets" USING btree ("center_id","day","priority","issued_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "queue_tickets_center_day" ON "queue_tickets" USING btree ("center_id","day");--> statement-breakpoint
CREATE INDEX "rating_followups_status" ON "rating_followups" USING btree ("center_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_ticket_channel" ON "ratings" USING btree ("ticket_id","channel") WHERE ticket_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_case_channel" ON "ratings" USING btree ("case_no","channel") WHERE case_no is not null and ticket_id is null;--> statement-breakpoint
CREATE INDEX "ratings_center_created" ON "ratings" USING btree ("center_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_center_status" ON "complaints" USING btree ("center_id","status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "warning_alerts_case_level" ON "warning_alerts" USING btree ("case_id","level") WHERE "warning_alerts"."task_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "warning_alerts_task_level" ON "warning_alerts" USING btree ("task_id","level") WHERE "warning_alerts"."task_id" is not null;--> statement-breakpoint
CREATE INDEX "warning_alerts_dept" ON "warning_alerts" USING btree ("department_id","raised_at");--> statement-breakpoint
CREATE INDEX "warning_alerts_raised_date" ON "warning_alerts" USING btree ("raised_date");--> statement-breakpoint
CREATE INDEX "supervision_answers_notice" ON "supervision_answers" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "supervision_notice_events_notice" ON "supervision_notice_events" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "supervision_notices_dept" ON "supervision_notices" USING btree ("department_id","issued_at");--> statement-breakpoint
CREATE INDEX "supervision_notices_status_deadline" ON "supervision_notices" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "supervision_notices_case" ON "supervision_notices" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "supervision_reviews_key" ON "supervision_reviews" USING btree ("center_id","finding_key");--> statement-breakpoint
CREATE UNIQUE INDEX "service_events_center_slug" ON "service_events" USING btree ("center_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "service_events_center_name" ON "service_events" USING btree ("center_id","name");--> statement-breakpoint
CREATE INDEX "catalog_files_item" ON "catalog_files" USING btree ("center_id","item_code");--> statement-breakpoint
CREATE INDEX "stats_facts_received" ON "stats_case_facts" USING btree ("center_id","received_day","department_id","item_code");--> statement-breakpoint
CREATE INDEX "stats_facts_accepted" ON "stats_case_facts" USING btree ("center_id","accepted_day","department_id","item_code");--> statement-breakpoint
CREATE INDEX "stats_facts_completed" ON "stats_case_facts" USING btree ("center_id","completed_day","department_id","item_code");--> statement-breakpoint
CREATE INDEX "case_tasks_next_level" ON "case_tasks" USING btree ("next_level_date") WHERE "case_tasks"."next_level_date" is not null;--> statement-breakpoint
CREATE INDEX "cases_updated_brin" ON "cases" USING brin ("updated_at");--> statement-breakpoint
CREATE INDEX "cases_next_level" ON "cases" USING btree ("next_level_date") WHERE "cases"."next_level_date" is not null;