import type { ChartOption } from './echart.tsx';

/**
 * Option builders for the charts the reports use, so every page draws the same way: one palette, legends on top,
 * tooltips on hover, axis labels that fit. Values arrive in display units (yuan, percent) from the caller.
 */
export const palette = ['#1f6fd1', '#52b7a0', '#f2a541', '#c8102e', '#7e6bc4', '#5b8ff9', '#9a9a9a'];

export interface Series {
  name: string;
  values: (number | null)[];
  /** 'line' series of a mixed chart; bars by default. */
  type?: 'bar' | 'line';
  /** Plot against the right-hand axis (a second unit, e.g. yuan beside people). */
  rightAxis?: boolean;
  stack?: string;
  color?: string;
}

type AxisFormat = 'int' | 'percent' | 'yuan';

const axisLabel = (format: AxisFormat, locale: 'zh' | 'en') => {
  // Large amounts in the reader's own short form: 5万 in Chinese, 50K in English.
  const compact = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en', {
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return {
    formatter: (v: number) =>
      format === 'percent'
        ? `${Math.round(v)}%`
        : Math.abs(v) >= 10_000
          ? compact.format(v)
          : v.toLocaleString('zh-CN'),
  };
};

const tooltipValue = (format: AxisFormat) => (v: unknown) =>
  typeof v !== 'number'
    ? '—'
    : format === 'percent'
      ? `${v.toFixed(1)}%`
      : v.toLocaleString('zh-CN', { maximumFractionDigits: format === 'yuan' ? 2 : 0 });

/** Categories along x (months, agencies, products), bars and lines, with an optional right axis in another unit. */
export function categoryChart(opts: {
  categories: string[];
  series: Series[];
  left?: AxisFormat;
  right?: AxisFormat;
  horizontal?: boolean;
  /** How many categories show at once; more scroll with a slider. */
  window?: number;
  locale?: 'zh' | 'en';
}): ChartOption {
  const left = opts.left ?? 'int';
  // Past `window` categories (an office has dozens of agencies) the chart shows that many and a slider.
  const visible = opts.window ?? 0;
  const zoomed = !opts.horizontal && visible > 0 && opts.categories.length > visible;
  const locale = opts.locale ?? 'zh';
  // Counts are whole: no 1.5 claims on an axis.
  const valueAxis = (format: AxisFormat) => ({
    type: 'value',
    axisLabel: axisLabel(format, locale),
    minInterval: format === 'int' ? 1 : undefined,
  });
  const valueAxes = [
    { ...valueAxis(left), splitLine: { lineStyle: { type: 'dashed' } } },
    ...(opts.right ? [{ ...valueAxis(opts.right), splitLine: { show: false } }] : []),
  ];
  const categoryAxis = {
    type: 'category',
    data: opts.categories,
    axisLabel: {
      interval: 0,
      hideOverlap: true,
      rotate: !opts.horizontal && Math.min(opts.categories.length, visible || Number.POSITIVE_INFINITY) > 12 ? 40 : 0,
    },
    ...(opts.horizontal ? { inverse: true } : {}),
  };
  return {
    color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: zoomed ? 44 : 8, containLabel: true },
    ...(zoomed
      ? {
          dataZoom: [
            { type: 'slider', startValue: 0, endValue: visible - 1, height: 18, bottom: 8, brushSelect: false },
            { type: 'inside', zoomOnMouseWheel: false, moveOnMouseWheel: true },
          ],
        }
      : {}),
    xAxis: opts.horizontal ? valueAxes[0] : categoryAxis,
    yAxis: opts.horizontal ? categoryAxis : valueAxes,
    series: opts.series.map((s) => ({
      name: s.name,
      type: s.type ?? 'bar',
      data: s.values,
      stack: s.stack,
      yAxisIndex: s.rightAxis ? 1 : 0,
      barMaxWidth: 28,
      symbolSize: 6,
      ...(s.color ? { itemStyle: { color: s.color } } : {}),
      tooltip: { valueFormatter: tooltipValue(s.rightAxis ? (opts.right ?? 'int') : left) },
    })),
  };
}

/** A share (0–1, or null) as a gauge from 0 to 100 %, red below the target and green above it. */
export function gaugeChart(opts: { value: number | null; name: string; target?: number }): ChartOption {
  const target = opts.target ?? 0.9;
  return {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 100,
        radius: '92%',
        center: ['50%', '55%'],
        progress: { show: true, width: 16, roundCap: true },
        axisLine: {
          roundCap: true,
          lineStyle: {
            width: 16,
            color: [
              [target, '#fde2e1'],
              [1, '#d9f2e6'],
            ],
          },
        },
        itemStyle: { color: opts.value !== null && opts.value >= target ? '#389e0d' : '#d4380d' },
        // A progress arc with the figure in its middle: ticks and a needle add nothing to one percentage.
        pointer: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        title: { offsetCenter: [0, '30%'], fontSize: 13, color: '#666' },
        detail: {
          valueAnimation: true,
          offsetCenter: [0, '-5%'],
          fontSize: 30,
          fontWeight: 600,
          color: '#1f1f1f',
          formatter: (v: number) => (opts.value === null ? '—' : `${v.toFixed(1)}%`),
        },
        data: [{ value: opts.value === null ? 0 : opts.value * 100, name: opts.name }],
      },
    ],
  };
}

/** Parts of a whole (rejection reasons) as a ring with a legend beside it. */
export function pieChart(opts: { items: { name: string; value: number }[] }): ChartOption {
  return {
    color: palette,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', width: '40%' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        center: ['30%', '50%'],
        label: { show: false },
        data: opts.items,
      },
    ],
  };
}
