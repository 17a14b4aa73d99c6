/** Chart options built from the overview, shared by the dashboard and the large screen. */
import type { EChartsCoreOption } from 'echarts/core';
import type { DashKey } from './messages';
import type { Overview } from './stats-api';

type T = (key: DashKey, params?: Record<string, string | number>) => string;

export const LEVEL_COLORS = { none: '#8c8c8c', normal: '#52c41a', yellow: '#faad14', red: '#f5222d' } as const;
const SERIES_COLORS = ['#1d5fb8', '#13a8a8', '#52c41a', '#fa8c16'];

const base = (dark: boolean, fontSize: number) => ({
  backgroundColor: 'transparent',
  color: SERIES_COLORS,
  textStyle: { fontSize },
  tooltip: { trigger: 'axis' as const },
  grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
  animation: !dark,
});

export function byDayOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  return {
    ...base(dark, fontSize),
    legend: { top: 0, textStyle: { fontSize } },
    xAxis: { type: 'category', data: o.byDay.map((d) => d.day.slice(5)), axisLabel: { fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: (['received', 'accepted', 'completed'] as const).map((k) => ({
      name: t(`fig.${k}`), type: 'line', symbolSize: 6, data: o.byDay.map((d) => d[k]),
    })),
  };
}

export const LEVELS = ['red', 'yellow', 'normal', 'none'] as const;

export function levelsOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  return {
    ...base(dark, fontSize),
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { fontSize } },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '45%'],
      label: { formatter: '{c}', fontSize },
      data: LEVELS.map((l) => ({ name: t(`level.${l}`), value: o.open[l], itemStyle: { color: LEVEL_COLORS[l] }, level: l })),
    }],
  };
}

export function rankingOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  const rows = [...o.byDepartment].reverse();
  return {
    ...base(dark, fontSize),
    legend: { top: 0, textStyle: { fontSize } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: [{ type: 'value', max: 100, axisLabel: { formatter: '{value}%', fontSize } }, { type: 'value', minInterval: 1, axisLabel: { fontSize } }],
    yAxis: { type: 'category', data: rows.map((d) => `${d.rank}. ${d.departmentName}`), axisLabel: { fontSize } },
    series: [
      { name: t('chart.onTimeRate'), type: 'bar', xAxisIndex: 0, data: rows.map((d) => (d.onTimeRate === null ? 0 : Math.round(d.onTimeRate * 1000) / 10)) },
      { name: t('fig.completed'), type: 'bar', xAxisIndex: 1, data: rows.map((d) => d.completed) },
    ],
  };
}

/**
 * The items the item-time chart shows, top bar first: the longest average first (then 90th
 * percentile, then the number measured). Cut to the busiest by count instead, the chart showed
 * only same-day items (all 0 days) and looked empty.
 */
export function slowestItems(o: Overview, max: number): Overview['byItem'] {
  return o.byItem.filter((i) => i.measured > 0)
    .sort((a, b) => (b.avgDays ?? 0) - (a.avgDays ?? 0) || (b.p90Days ?? 0) - (a.p90Days ?? 0) || b.measured - a.measured || a.itemCode.localeCompare(b.itemCode))
    .slice(0, max);
}

/** The bars of the item-time chart, bottom to top (ECharts draws a category axis upwards). */
export const itemChartRows = (o: Overview, max = 12) => slowestItems(o, max).reverse();

/** "2.5 个工作日": a tooltip value with its unit. */
const withUnit = (t: T) => (v: unknown) => (typeof v === 'number' ? t('kpi.days', { n: v }) : String(v ?? '—'));

export function daysByItemOption(o: Overview, t: T, dark = false, fontSize = 12, max = 12): EChartsCoreOption {
  const rows = itemChartRows(o, max);
  return {
    ...base(dark, fontSize),
    legend: { top: 0, textStyle: { fontSize } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: withUnit(t) },
    xAxis: { type: 'value', minInterval: 1, name: t('chart.unitDays'), nameLocation: 'middle', nameGap: 24, nameTextStyle: { fontSize }, axisLabel: { fontSize } },
    yAxis: { type: 'category', data: rows.map((i) => i.itemName), axisLabel: { fontSize, width: 160, overflow: 'truncate' } },
    series: [
      { name: t('chart.avg'), type: 'bar', data: rows.map((i) => (i.avgDays === null ? 0 : Math.round(i.avgDays * 10) / 10)) },
      { name: t('chart.p90'), type: 'bar', data: rows.map((i) => i.p90Days ?? 0) },
    ],
  };
}

export function daysByDeptOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  const rows = o.byDepartment.filter((d) => d.measured > 0);
  return {
    ...base(dark, fontSize),
    legend: { top: 0, textStyle: { fontSize } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: withUnit(t) },
    xAxis: { type: 'category', data: rows.map((d) => d.departmentName), axisLabel: { fontSize, interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, name: t('chart.unitDays'), nameTextStyle: { fontSize }, axisLabel: { fontSize } },
    series: [
      { name: t('chart.avg'), type: 'bar', data: rows.map((d) => (d.avgDays === null ? 0 : Math.round(d.avgDays * 10) / 10)) },
      { name: t('chart.p90'), type: 'bar', data: rows.map((d) => d.p90Days ?? 0) },
    ],
  };
}

export function byHourOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  // Night hours with nothing in them only squeeze the working hours.
  const used = o.byHour.filter((h) => h.received > 0).map((h) => h.hour);
  const lo = Math.min(8, ...used);
  const hi = Math.max(18, ...used);
  const rows = o.byHour.filter((h) => h.hour >= lo && h.hour <= hi);
  return {
    ...base(dark, fontSize),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((h) => t('chart.hour', { h: h.hour })), axisLabel: { fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: [{ name: t('fig.received'), type: 'bar', data: rows.map((h) => ({ value: h.received, hour: h.hour })), itemStyle: { color: '#13a8a8' } }],
  };
}

export function byWeekdayOption(o: Overview, t: T, dark = false, fontSize = 12): EChartsCoreOption {
  return {
    ...base(dark, fontSize),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: o.byWeekday.map((w) => t(`wd.${w.weekday}` as DashKey)), axisLabel: { fontSize } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize } },
    series: [{ name: t('fig.received'), type: 'bar', data: o.byWeekday.map((w) => ({ value: w.received, weekday: w.weekday })), itemStyle: { color: '#1d5fb8' } }],
  };
}

export function gaugeOption(value: number | null, name: string, color: string, fontSize = 14): EChartsCoreOption {
  return {
    backgroundColor: 'transparent',
    series: [{
      type: 'gauge', min: 0, max: 100, radius: '92%', progress: { show: true, width: 14, itemStyle: { color } },
      axisLine: { lineStyle: { width: 14 } }, axisTick: { show: false }, splitLine: { show: false }, axisLabel: { show: false }, pointer: { show: false },
      title: { offsetCenter: [0, '72%'], fontSize, color: '#c9d6ea' },
      detail: { valueAnimation: false, offsetCenter: [0, '10%'], fontSize: fontSize * 2.2, color, formatter: value === null ? '—' : '{value}%' },
      data: [{ value: value === null ? 0 : Math.round(value * 1000) / 10, name }],
    }],
  };
}
