CREATE TABLE "applicant_login_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"salt" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"client_address" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applicant_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"applicant_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"client_address" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applicants" (
	"id" serial PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"profile" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "applicants_phone_unique" UNIQUE("phone")
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"case_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"material_code" text NOT NULL,
	"material_name" text NOT NULL,
	"upload_id" text NOT NULL,
	CONSTRAINT "case_files_case_id_seq_material_code_upload_id_pk" PRIMARY KEY("case_id","seq","material_code","upload_id")
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"applicant_id" integer NOT NULL,
	"storage_name" text NOT NULL,
	"original_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"material_code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "uploads_storage_name_unique" UNIQUE("storage_name")
);
--> statement-breakpoint
ALTER TABLE "applicant_sessions" ADD CONSTRAINT "applicant_sessions_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_files" ADD CONSTRAINT "case_files_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_applicant_id_applicants_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."applicants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applicant_login_codes_phone" ON "applicant_login_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "applicant_login_codes_address" ON "applicant_login_codes" USING btree ("client_address","created_at");--> statement-breakpoint
CREATE INDEX "applicant_sessions_applicant" ON "applicant_sessions" USING btree ("applicant_id");--> statement-breakpoint
CREATE INDEX "case_files_upload" ON "case_files" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "uploads_applicant" ON "uploads" USING btree ("applicant_id","created_at");