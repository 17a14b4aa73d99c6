import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** National holidays and make-up working days as published by the State Council, from `chinese-days`. */
export interface NationalCalendar {
  holidays: string[];
  workdays: string[];
  years: number[];
  names: Map<string, string>;
}

let cached: NationalCalendar | undefined;

export function nationalCalendar(): NationalCalendar {
  if (cached) return cached;
  const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> };
  const names = new Map<string, string>();
  for (const [date, label] of [...Object.entries(raw.holidays), ...Object.entries(raw.workdays)]) {
    // Labels look like "National Day,国庆节,3": English, Chinese, length.
    names.set(date, label.split(',')[1] ?? label);
  }
  const years = [...new Set(Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  cached = { holidays: Object.keys(raw.holidays), workdays: Object.keys(raw.workdays), years, names };
  return cached;
}
