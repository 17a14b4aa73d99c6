import type { ItemSummary } from '../../../shared/api-types';

/** GET /api/public/events */
export interface ServiceEvent {
  id: number;
  slug: string;
  name: string;
  nameEn: string;
  kind: 'life' | 'business';
  icon: string;
  description: string;
  sortOrder: number;
  active: boolean;
  itemCount?: number;
}

/** GET /api/public/events/{ref} */
export interface ServiceEventDetail extends ServiceEvent {
  items: ItemSummary[];
}

/** GET /api/public/items/{code}/files */
export interface CatalogFile {
  id: string;
  materialCode: string;
  purpose: 'blank' | 'sample';
  name: string;
  mediaType: string;
  size: number;
  uploadedAt: string;
  url: string;
}

/** GET /api/public/processing-times?item= (built by the statistics side; may be missing: 404). */
export interface ProcessingTimes {
  from: string;
  to: string;
  items: {
    itemCode: string;
    itemName: string;
    departmentName: string;
    promisedDays: number;
    statutoryDays: number;
    completed: number;
    avgDays: number | null;
    p90Days: number | null;
    expectedDate?: string | null;
  }[];
}
