// Every table, for the Drizzle client and drizzle-kit. The area files import one another directly,
// never this file, so no table module depends on the whole schema.
export * from './centers.js';
export * from './users.js';
export * from './catalog.js';
export * from './catalog-files.js';
export * from './calendar.js';
export * from './settings.js';
export * from './admin-log.js';
export * from './cases.js';
export * from './idempotency-keys.js';
export * from './outbox.js';
export * from './appointments.js';
export * from './applicants.js';
export * from './uploads.js';
export * from './queue.js';
export * from './ratings.js';
export * from './complaints.js';
export * from './warnings.js';
export * from './oversight.js';
export * from './life-events.js';
export * from './stats.js';
export * from './network.js';
