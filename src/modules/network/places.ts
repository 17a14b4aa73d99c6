import type { Db } from '../../db/client.js';
import { AppError } from '../../domain/errors.js';
import { getCenterCached, type CenterRow } from '../centers/centers.service.js';

/** A place of the network and the township and county above it (a township's own township is itself). */
export interface NetworkPlace {
  place: CenterRow;
  township: CenterRow;
  county: CenterRow;
  /** The place and every center above it up to the county: where an opening may have been made. */
  chain: CenterRow[];
}

/** Walks up from a township station or village room; anything else is not a place of the network. */
export async function getNetworkPlace(db: Db, centerId: number): Promise<NetworkPlace> {
  const place = await getCenterCached(db, centerId);
  if (place.level !== 'township' && place.level !== 'village') {
    throw new AppError('FORBIDDEN', '本账号不属于乡镇便民服务站或村便民服务室 / this account is not at a township station or village room');
  }
  const chain: CenterRow[] = [place];
  let at = place;
  while (at.level !== 'county') {
    if (at.parentId === null) throw new AppError('CONFLICT', `Center ${place.code} has no county above it`);
    at = await getCenterCached(db, at.parentId);
    chain.push(at);
  }
  const township = chain.find((c) => c.level === 'township');
  if (!township) throw new AppError('CONFLICT', `Center ${place.code} has no township above it`);
  return { place, township, county: at, chain };
}
