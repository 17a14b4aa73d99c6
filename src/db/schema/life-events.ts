import { boolean, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { centers } from './centers.js';

// ─── Life and business events (一件事) ────────────────────────────────────────────────────────

/**
 * A life event (新生儿出生, 退休 …) or business event (我要开餐馆 …) the portal lets citizens browse by.
 * The items it bundles are not stored here: an item names its events in its own version (`events`),
 * so what an event shows is always what the published guides say. `name` is that link.
 */
export const serviceEvents = pgTable('service_events', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  /** URL handle, ASCII (open-restaurant). */
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  kind: text('kind', { enum: ['life', 'business'] }).notNull(),
  /** A key the portal maps to an icon (baby, retire, shop, company …); unknown keys get a default. */
  icon: text('icon').notNull().default(''),
  description: text('description').notNull().default(''),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('service_events_center_slug').on(t.centerId, t.slug),
  uniqueIndex('service_events_center_name').on(t.centerId, t.name),
]);
