/**
 * Shapes of the JSON the server answers with, as the web app sees them.
 * The server's TypeBox schemas (src/modules/<module>/<module>.routes.ts) are the source of truth;
 * the OpenAPI document at /api/docs/json describes them.
 */
import type { ItemContent, ItemKind, Material, JointStage } from '../../../src/domain/catalog.js';
export type { ItemContent, ItemKind, Material, JointStage };

/** Every 4xx/5xx answer. `details` names fields for validation errors. */
export interface ApiError {
  code: string;
  message: string;
  details?: { field: string; message: string }[];
}

export type Role = 'admin' | 'desk' | 'approver' | 'supervisor' | 'leader';

export interface Me {
  user: {
    id: number;
    username: string;
    displayName: string;
    role: Role;
    centerId: number;
    /** IANA zone of the user's center: every time is shown in it. */
    timeZone: string;
    department?: { id: number; code: string; name: string };
    /** An administrator set the password: the server refuses everything but the change until it is made. */
    mustChangePassword?: boolean;
  };
  /** Send as header `x-csrf-token` on every POST/PUT/PATCH/DELETE. */
  csrfToken: string;
}

export interface Center {
  id: number;
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentId: number | null;
}

export interface Department {
  id: number;
  centerId: number;
  code: string;
  name: string;
  nameEn: string;
  status: 'active' | 'retired';
  itemCount: number;
}

/** One row of GET /api/items (public search) and GET /api/admin/items. */
export interface ItemSummary {
  code: string;
  name: string;
  nameEn?: string;
  kind: ItemKind;
  department: { code: string; name: string };
  statutoryDays: number;
  promisedDays: number;
  onlineAllowed: boolean;
  feeCents: number;
  /** Published version number; null when never published (admin list only). */
  version: number | null;
  status: 'draft' | 'published' | 'retired';
  /** Admin list only: a draft version exists that is newer than the published one. */
  hasDraft?: boolean;
}

export interface ItemPage {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/items/{code}: the published guide. */
export interface ItemGuide extends ItemContent {
  code: string;
  version: number;
  publishedAt: string;
  /** The publication date on the center's calendar (YYYY-MM-DD): what the printed guide says too. */
  publishedOn: string;
  department: { code: string; name: string };
  center: { code: string; name: string; timeZone: string };
  /** Links to the printable pages. */
  links: { guide: string; notice: string };
}

export interface ItemVersion extends ItemContent {
  version: number;
  status: 'draft' | 'published' | 'superseded';
  createdAt: string;
  publishedAt: string | null;
  /** Warnings computed for this version, e.g. promised > 60 % of statutory. */
  warnings: { code: string; message: string }[];
}

/** GET /api/admin/items/{code} */
export interface AdminItem {
  code: string;
  department: { code: string; name: string };
  status: 'draft' | 'published' | 'retired';
  versions: ItemVersion[]; // newest first
}

/** Body of POST /api/admin/items: { code, department (code), ...ItemContent }.
 *  Body of PUT /api/admin/items/{code}/draft: ItemContent (creates or replaces the draft).
 *  POST /api/admin/items/{code}/publish → { version, warnings }.
 *  POST /api/admin/items/{code}/retire → { status: 'retired' }. */
export interface PublishResult {
  version: number;
  warnings: { code: string; message: string }[];
}

/** GET /api/calendar/add-working-days?from=&days= */
export interface AddWorkingDaysResult {
  date: string;
  provisional: boolean;
}

/** GET /api/calendar/year/{year} */
export interface CalendarYear {
  year: number;
  announced: boolean;
  days: {
    date: string;
    working: boolean;
    /** weekday, weekend, holiday (national), makeup (调休 working weekend), closure / opening (local override). */
    kind: 'weekday' | 'weekend' | 'holiday' | 'makeup' | 'override-off' | 'override-on';
    name?: string;
  }[];
}

/** GET /api/calendar/years → which years have an announced calendar. */
export interface CalendarYears {
  announced: number[];
  /** Years from the current one to two years ahead without an announced calendar. */
  missing: number[];
}

/** GET /api/admin/calendar/overrides?year= ; PUT /api/admin/calendar/overrides/{date} {working, reason}; DELETE same. */
export interface CalendarOverride {
  date: string;
  working: boolean;
  reason: string;
}

/** GET/PUT /api/admin/settings */
export interface Settings {
  warningDays: number;
  /** Hours after which a decided or completed case not carried further counts as held back (压件). */
  heldBackHours: number;
  promisedRatioMax: number;
}

/** One staff account in GET /api/admin/users (never with a password hash). */
export interface AdminUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  center: { id: number; code: string; name: string };
  /** Approvers only. */
  department: { id: number; code: string; name: string } | null;
  disabled: boolean;
  createdAt: string;
}

export interface AdminUserPage {
  items: AdminUser[];
  total: number;
  page: number;
  pageSize: number;
}

/** POST /api/admin/users and POST /api/admin/users/{id}/reset-password. `generatedPassword` only when the server chose it: shown once. */
export interface AdminUserWithPassword {
  user: AdminUser;
  generatedPassword?: string;
}

export type SmsStatus = 'pending' | 'sending' | 'sent' | 'failed';

/** One row of GET /api/admin/sms (newest first). */
export interface SmsItem {
  id: number;
  /** Masked mobile number. */
  recipient: string;
  template: string;
  /** The text, with the query of any link hidden. */
  body: string;
  status: SmsStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  caseId: number | null;
}

export interface SmsPage {
  items: SmsItem[];
  total: number;
  page: number;
  pageSize: number;
  /** Sign-in codes shown whole: the log gateway outside production. */
  codesShown: boolean;
}
