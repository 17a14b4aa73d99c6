/** Life and business events (一件事): the portal browses the catalog by them; the admin keeps them. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { ItemSummary } from './catalog.js';
import { EVENT_KINDS } from '../domain/catalog.js';

export { EVENT_KINDS, type EventKind } from '../domain/catalog.js';

/** GET /api/public/events, GET /api/admin/events: one event. */
export const ServiceEvent = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum(EVENT_KINDS, { description: 'life: 个人生活; business: 企业经营' }),
  icon: Type.String(),
  description: Type.String(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  itemCount: Type.Optional(Type.Integer({ description: 'Published items whose guide names the event' })),
});
export type ServiceEvent = Static<typeof ServiceEvent>;

export const ServiceEventList = Type.Object({ events: Type.Array(ServiceEvent) });
export type ServiceEventList = Static<typeof ServiceEventList>;

/** GET /api/public/events/{ref} */
export const ServiceEventDetail = Type.Object({ ...ServiceEvent.properties, items: Type.Array(ItemSummary) });
export type ServiceEventDetail = Static<typeof ServiceEventDetail>;

export const EventBody = Type.Object({
  slug: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'URL handle: a lower-case letter, then letters, digits and -, at most 40 (never all digits: a number is read as the id)' }),
  name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: 'Items join the event by listing this name in their events' }),
  nameEn: Type.Optional(Type.String({ maxLength: 100 })),
  kind: StringEnum(EVENT_KINDS),
  icon: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,30}$' })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type EventBody = Static<typeof EventBody>;
