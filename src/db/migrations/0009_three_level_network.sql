CREATE TABLE "ledger_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"case_no" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"home_center_id" integer NOT NULL,
	"holder_center_id" integer NOT NULL,
	"state" text NOT NULL,
	"handover_id" integer,
	"held_since" timestamp with time zone NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_by" integer,
	"return_proof" jsonb
);
--> statement-breakpoint
CREATE TABLE "ledger_handover_entries" (
	"handover_id" integer NOT NULL,
	"entry_id" integer NOT NULL,
	CONSTRAINT "ledger_handover_entries_handover_id_entry_id_pk" PRIMARY KEY("handover_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "ledger_handovers" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_no" text NOT NULL,
	"from_center_id" integer NOT NULL,
	"to_center_id" integer NOT NULL,
	"carrier" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"token" text NOT NULL,
	"sent_by" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"received_by" integer,
	"received_at" timestamp with time zone,
	CONSTRAINT "ledger_handovers_batch_no_unique" UNIQUE("batch_no"),
	CONSTRAINT "ledger_handovers_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "network_item_openings" (
	"item_id" integer NOT NULL,
	"center_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	CONSTRAINT "network_item_openings_item_id_center_id_pk" PRIMARY KEY("item_id","center_id")
);
--> statement-breakpoint
CREATE TABLE "proxy_confirmations" (
	"id" serial PRIMARY KEY NOT NULL,
	"center_id" integer NOT NULL,
	"phone" text NOT NULL,
	"item_code" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"case_id" integer
);
--> statement-breakpoint
CREATE TABLE "service_days" (
	"id" serial PRIMARY KEY NOT NULL,
	"township_center_id" integer NOT NULL,
	"village_center_id" integer NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"staff" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"category_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proxy_center_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proxy_township_id" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proxy_by" integer;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "proxy_authorization" jsonb;--> statement-breakpoint
ALTER TABLE "ledger_handover_entries" ADD CONSTRAINT "ledger_handover_entries_handover_id_ledger_handovers_id_fk" FOREIGN KEY ("handover_id") REFERENCES "public"."ledger_handovers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_handover_entries" ADD CONSTRAINT "ledger_handover_entries_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_item_openings" ADD CONSTRAINT "network_item_openings_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_item_openings" ADD CONSTRAINT "network_item_openings_center_id_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_days" ADD CONSTRAINT "service_days_township_center_id_centers_id_fk" FOREIGN KEY ("township_center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_days" ADD CONSTRAINT "service_days_village_center_id_centers_id_fk" FOREIGN KEY ("village_center_id") REFERENCES "public"."centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_days" ADD CONSTRAINT "service_days_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_entries_case" ON "ledger_entries" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_holder_state" ON "ledger_entries" USING btree ("holder_center_id","state");--> statement-breakpoint
CREATE INDEX "ledger_entries_handover" ON "ledger_entries" USING btree ("handover_id") WHERE "ledger_entries"."handover_id" is not null;--> statement-breakpoint
CREATE INDEX "ledger_handover_entries_entry" ON "ledger_handover_entries" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "ledger_handovers_to_status" ON "ledger_handovers" USING btree ("to_center_id","status");--> statement-breakpoint
CREATE INDEX "ledger_handovers_from_sent" ON "ledger_handovers" USING btree ("from_center_id","sent_at");--> statement-breakpoint
CREATE INDEX "proxy_confirmations_creator" ON "proxy_confirmations" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_days_village_date" ON "service_days" USING btree ("village_center_id","date");--> statement-breakpoint
CREATE INDEX "cases_proxy_township" ON "cases" USING btree ("proxy_township_id","received_at") WHERE "cases"."proxy_township_id" is not null;