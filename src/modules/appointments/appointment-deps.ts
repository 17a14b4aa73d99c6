import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';

export interface AppointmentDeps {
  db: Db;
  clock: Clock;
}
