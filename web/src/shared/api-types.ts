/**
 * Shapes of the JSON the server answers with, as the web app sees them. The staff capabilities'
 * types come from the API's contract (src/contract/<capability>.ts, `Static<>` of the schemas the
 * server validates and documents); pages import them from '#contract/<capability>.js' themselves.
 * The re-exports below serve the pages of other workplaces that still import them from here.
 */
export type { Me } from '#contract/auth.js';
export type { Role } from '#contract/roles.js';
export type { Center } from '#contract/centers.js';
export type { Department } from '#contract/departments.js';

// wt-portal: the catalog's shapes, still written by hand here until its contract lands.
import type { ItemContent, ItemKind, Material, JointStage } from '../../../src/domain/catalog.js';
export type { ItemContent, ItemKind, Material, JointStage };

// wt-portal
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
