/** The dashboard API's answers (their shapes: src/contract/stats.ts) and how the pages show its numbers. */
import type { CaseList, CaseListQuery, StatsQuery } from '#contract/stats.js';
import { useAppT } from '../../shared/i18n';
import { dashMessages } from './messages';

export const useDashT = () => useAppT(dashMessages);

export type { Durations, Figure, Overview } from '#contract/stats.js';

/** The overview's filters (GET /api/stats/overview). */
export type StatsFilters = StatsQuery;

/** What a click opens: a figure plus narrowing (one day, one department, an hour or a weekday). */
export type Drill = Omit<CaseListQuery, 'page' | 'pageSize'>;

/** GET /api/stats/cases: the cases behind a figure. */
export type CaseListAnswer = CaseList;

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const days = (d: number | null) => (d === null ? '—' : Number.isInteger(d) ? String(d) : d.toFixed(1));
/** "2.5 个工作日" / "2.5 working days": a duration never stands without its unit. */
export const daysWithUnit = (t: (k: 'kpi.days', p: { n: string }) => string, d: number | null) => (d === null ? '—' : t('kpi.days', { n: days(d) }));
