import { sql, type SQL } from 'drizzle-orm';
import type { Figure } from '#contract/stats.js';

/**
 * The one place what the dashboard's figures count is defined (docs/dashboard.md explains them; their
 * names are the API's, in src/contract/stats.ts, which the web app reads too). Each figure
 * is a condition on the per-case facts (stats_case_facts, alias f) for the period [from, to], or on
 * the open cases (alias c) for the live ones. The rollups count exactly these conditions, and the
 * drill-down lists exactly these rows, so a figure and its list always agree.
 */
export { FIGURES, type Figure } from '#contract/stats.js';

export const LIVE_FIGURES: readonly Figure[] = ['open', 'open_none', 'open_normal', 'open_yellow', 'open_red'];

export function figureCondition(figure: Figure, from: string, to: string): SQL {
  const completedIn = sql`f.completed_day between ${from}::date and ${to}::date`;
  switch (figure) {
    case 'received': return sql`f.received_day between ${from}::date and ${to}::date`;
    case 'accepted': return sql`f.accepted_day between ${from}::date and ${to}::date`;
    case 'completed': return completedIn;
    case 'immediate': return sql`${completedIn} and f.immediate`;
    case 'early': return sql`${completedIn} and f.timeliness = 'early'`;
    case 'on_time': return sql`${completedIn} and f.timeliness = 'on_time'`;
    case 'in_time': return sql`${completedIn} and f.timeliness in ('early', 'on_time')`;
    case 'late': return sql`${completedIn} and f.timeliness = 'late'`;
    case 'refused': return sql`${completedIn} and f.refused`;
    case 'open': return sql`true`;
    // Not accepted yet (received, in pre-review or supplement): no clock runs, so no level.
    case 'open_none': return sql`c.warning_level not in ('normal', 'yellow', 'red')`;
    case 'open_normal': return sql`c.warning_level = 'normal'`;
    case 'open_yellow': return sql`c.warning_level = 'yellow'`;
    case 'open_red': return sql`c.warning_level = 'red'`;
  }
}

/** A rate is a share of the completed cases; with none completed there is no rate (null, not 0). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
