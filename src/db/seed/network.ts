import { networkItemOpenings } from '../schema/index.js';
import type { Db } from '../client.js';

/**
 * Where the demo county's items may be taken in away from the hall. County-wide (通办): what
 * villagers apply for most (social assistance, rural pensions and insurance, disability, household
 * papers); at some townships only (受办分离): rural building permits and logging, where those
 * townships have the staff to check them.
 */
export const DEMO_OPENINGS: Record<string, string[]> = {
  HP: [
    'MZ-004', 'MZ-005', 'MZ-006', 'MZ-010', 'RS-001', 'RS-003', 'RS-005', 'YB-001', 'YB-002', 'YB-003', 'YB-004',
    'CL-001', 'CL-002', 'NY-006', 'NY-007', 'GA-007', 'WJ-007', 'TYJR-001', 'JY-003',
  ],
  'HP-XK': ['ZRZY-004', 'LY-001'],
  'HP-SQ': ['ZRZY-004', 'LY-001', 'NY-005'],
};

export async function seedNetworkOpenings(tx: Db, centerIds: Map<string, number>, itemIds: Map<string, number>, now: Date): Promise<void> {
  const rows = Object.entries(DEMO_OPENINGS).flatMap(([center, codes]) => codes.map((code) => ({
    itemId: itemIds.get(code)!, centerId: centerIds.get(center)!, createdAt: now,
  })));
  await tx.insert(networkItemOpenings).values(rows);
}
