/**
 * The places of the three-level network (县乡村): where each county item is opened for proxy intake
 * (受办分离 / 通办), the village service days (驻村服务日) and the township's handbook (百事通).
 */
import { Type, type Static } from 'typebox';
import { DateString, StringEnum } from './common.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, the center\'s local time' });
const PLACE_LEVELS = ['county', 'township', 'village'] as const;

export const Place = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(PLACE_LEVELS),
  parent: Type.Union([Type.String(), Type.Null()], { description: 'Code of the center above; null for the county' }),
});
export type Place = Static<typeof Place>;

const Named = Type.Object({ code: Type.String(), name: Type.String() });

// ─── Openings (受办分离 / 通办) ───

export const OpeningItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  department: Named,
  places: Type.Array(Named, { description: 'Where it is opened; the county itself = 通办 at every station and room' }),
});
export type OpeningItem = Static<typeof OpeningItem>;

export const OpeningList = Type.Object({
  county: Named,
  places: Type.Array(Place, { description: 'The county and every station and room under it, the county first, then each township followed by its villages' }),
  items: Type.Array(OpeningItem),
});
export type OpeningList = Static<typeof OpeningList>;

export const OpeningBody = Type.Object({
  centers: Type.Array(Text(40, 1), { maxItems: 200, description: 'Codes of the county or of stations/rooms under it; [] = taken in at the county hall only' }),
}, { additionalProperties: false });
export type OpeningBody = Static<typeof OpeningBody>;

export const ItemCodeParams = Type.Object({ itemCode: Text(40, 1) });
export const CenterCodeParams = Type.Object({ code: Text(40, 1) });

/** An item a villager can start at a place, with how it gets there and back. */
export const ItemHere = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  promisedDays: Type.Integer(),
  department: Named,
  location: Type.String({ description: 'The county window that handles it' }),
  phone: Type.String(),
  openedAt: Named,
  scope: StringEnum(PLACE_LEVELS, { description: 'county: 通办 everywhere; township/village: opened here only (受办分离)' }),
  events: Type.Array(Type.String()),
});
export type ItemHere = Static<typeof ItemHere>;

export const ItemsHere = Type.Object({ place: Place, items: Type.Array(ItemHere) });
export type ItemsHere = Static<typeof ItemsHere>;

// ─── Service days (驻村服务日) ───

export const ServiceDayBody = Type.Object({
  village: Text(40, 1),
  date: DateString,
  startTime: Time,
  endTime: Time,
  staff: Text(200, 1),
  note: Type.Optional(Text(500)),
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Villagers who can book the day (default 20)' })),
}, { additionalProperties: false });
export type ServiceDayBody = Static<typeof ServiceDayBody>;

export const ServiceDayQuery = Type.Object({
  township: Type.Optional(Text(40, 1)),
  village: Type.Optional(Text(40, 1)),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
}, { additionalProperties: false });
export type ServiceDayQuery = Static<typeof ServiceDayQuery>;

export const ServiceDay = Type.Object({
  id: Type.Integer(),
  township: Named,
  village: Named,
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  staff: Type.String(),
  note: Type.String(),
  booking: Type.Object({
    category: Type.String({ description: 'Appointment category code at the village room: book with POST /api/public/appointments' }),
    slotId: Type.Union([Type.Integer(), Type.Null()]),
    capacity: Type.Integer(),
    booked: Type.Integer(),
    remaining: Type.Integer(),
  }),
});
export type ServiceDay = Static<typeof ServiceDay>;

export const ServiceDayList = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Array(ServiceDay) });
export type ServiceDayList = Static<typeof ServiceDayList>;

export const ServiceDayParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

// ─── Handbook (百事通) ───

export const HandbookItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  promisedDays: Type.Integer(),
  materials: Type.Array(Type.String(), { description: 'In brief: name and copies; conditional ones marked 如需' }),
  startAt: Type.String({ description: 'Where a villager starts it: the village room (agent) and/or the township station' }),
  handledBy: Type.String({ description: 'County department and window' }),
  phone: Type.String(),
  scope: StringEnum(PLACE_LEVELS),
});
export type HandbookItem = Static<typeof HandbookItem>;

export const HandbookAgent = Type.Object({ name: Type.String() });

export const Handbook = Type.Object({
  county: Named,
  township: Named,
  place: Place,
  contact: Type.Union([Type.String(), Type.Null()], {
    description: 'The place\'s phone; null leaves a line to write it in (accounts carry no phone number)',
  }),
  villages: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), agents: Type.Array(HandbookAgent) })),
  stationStaff: Type.Array(HandbookAgent),
  groups: Type.Array(Type.Object({
    event: Type.Union([Type.String(), Type.Null()], { description: 'Life or business event; null = items under no event (其他事项)' }),
    items: Type.Array(HandbookItem),
  })),
  windows: Type.Array(Type.Object({ department: Type.String(), location: Type.String(), phone: Type.String() })),
  serviceDays: Type.Array(ServiceDay, { description: 'Coming service days at the place\'s villages' }),
});
export type Handbook = Static<typeof Handbook>;

export const HandbookQuery = Type.Object({ village: Type.Optional(Text(40, 1)) }, { additionalProperties: false });
