/** The dashboard API's answers (src/modules/stats/stats.routes.ts). */
import { useAppT } from '../../shared/i18n';
import { dashMessages } from './messages';

export const useDashT = () => useAppT(dashMessages);

export type Figure =
  | 'received' | 'accepted' | 'completed' | 'immediate' | 'early' | 'on_time' | 'in_time' | 'late' | 'refused'
  | 'open' | 'open_none' | 'open_normal' | 'open_yellow' | 'open_red';

export interface Durations {
  immediateRate: number | null;
  onTimeRate: number | null;
  earlyRate: number | null;
  measured: number;
  avgDays: number | null;
  p90Days: number | null;
}

export interface Overview {
  from: string;
  to: string;
  today: string;
  refreshedAt: string | null;
  /** Ratings (好差评) in the period; rate = share at 基本满意 or better (a fraction, like the other rates). */
  satisfaction: { ratings: number; satisfied: number; bad: number; rate: number | null };
  totals: { received: number; accepted: number; completed: number; immediate: number; early: number; onTime: number; inTime: number; late: number; refused: number } & Durations;
  todayCounts: { received: number; accepted: number; completed: number };
  open: { none: number; normal: number; yellow: number; red: number; total: number };
  overdueOpen: number;
  byDay: { day: string; received: number; accepted: number; completed: number }[];
  byDepartment: ({ rank: number; departmentId: number; departmentCode: string; departmentName: string; received: number; accepted: number; completed: number; inTime: number; early: number; late: number } & Durations)[];
  byItem: ({ itemCode: string; itemName: string; departmentId: number; departmentCode: string; received: number; completed: number } & Durations)[];
  byHour: { hour: number; received: number }[];
  byWeekday: { weekday: number; received: number }[];
  departments: { code: string; name: string }[];
  items: { code: string; name: string; departmentCode: string }[];
}

export interface StatsFilters {
  from?: string;
  to?: string;
  department?: string;
  item?: string;
}

/** What a click opens: a figure plus narrowing (one day, one department, an hour or a weekday). */
export interface Drill extends StatsFilters {
  figure: Figure;
  hour?: number;
  weekday?: number;
}

export interface CaseListAnswer {
  figure: string;
  total: number;
  page: number;
  pageSize: number;
  cases: {
    caseNo: string; itemCode: string; itemName: string; departmentName: string; status: string; applicant: string; phone: string;
    receivedAt: string; acceptedDate: string | null; completedDate: string | null; dueDate: string | null; timeliness: string | null;
    warningLevel: string; usedDays: number | null;
  }[];
}

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const days = (d: number | null) => (d === null ? '—' : Number.isInteger(d) ? String(d) : d.toFixed(1));
/** "2.5 个工作日" / "2.5 working days": a duration never stands without its unit. */
export const daysWithUnit = (t: (k: 'kpi.days', p: { n: string }) => string, d: number | null) => (d === null ? '—' : t('kpi.days', { n: days(d) }));
