/**
 * ECharts through echarts/core with only the charts this UI draws registered, so the bundle carries
 * no unused chart types.
 */
import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption, ECElementEvent } from 'echarts/core';

echarts.use([BarChart, GaugeChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number | string;
  theme?: 'dark';
  onClick?: (e: ECElementEvent) => void;
  testId?: string;
  label?: string;
}

export function EChart({ option, height, theme, onClick, testId, label }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (e) => clickRef.current?.(e as ECElementEvent));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option, theme]);

  const table = useMemo(() => chartTable(option), [option]);
  return (
    <>
      <div ref={el} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} data-testid={testId} role="img" aria-label={label} />
      {/* A canvas says nothing to a screen reader: the same figures as a table only it reads. */}
      {table && (
        <table style={SR_ONLY} data-testid={testId ? `${testId}-data` : undefined} aria-label={label}>
          <thead><tr><th scope="col">{label}</th>{table.series.map((s) => <th key={s} scope="col">{s}</th>)}</tr></thead>
          <tbody>{table.rows.map((r, i) => <tr key={i}><th scope="row">{r.name}</th>{r.values.map((v, j) => <td key={j}>{v}</td>)}</tr>)}</tbody>
        </table>
      )}
    </>
  );
}

const SR_ONLY: CSSProperties = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 };

type Axis = { type?: string; data?: unknown[] };
type Series = { name?: string; data?: unknown[] };

/**
 * The category chart's figures in reading order (top bar first on a horizontal bar chart), or
 * null for charts without a category axis (pie, gauge).
 */
function chartTable(option: EChartsCoreOption): { series: string[]; rows: { name: string; values: string[] }[] } | null {
  const axes = (o: unknown): Axis[] => (Array.isArray(o) ? o : o ? [o] : []) as Axis[];
  const x = axes(option.xAxis).find((a) => a.type === 'category');
  const y = axes(option.yAxis).find((a) => a.type === 'category');
  const cat = x ?? y;
  if (!cat?.data) return null;
  const series = axes(option.series) as Series[];
  const value = (d: unknown) => String(d !== null && typeof d === 'object' && 'value' in d ? (d as { value: unknown }).value : d ?? '');
  const rows = cat.data.map((name, i) => ({ name: String(name), values: series.map((s) => value(s.data?.[i])) }));
  // ECharts draws a vertical category axis from the bottom up; a reader reads from the top.
  return { series: series.map((s) => s.name ?? ''), rows: y && !x ? rows.reverse() : rows };
}
