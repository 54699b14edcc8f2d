import { useMemo } from 'react';
import { EChart } from './charts/echart.tsx';

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

/** A stacked horizontal bar chart, drawn by the console's one ECharts canvas (charts/echart.tsx). */
export function StackedBarChart({
  categories,
  series,
  height = 320,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: categories, inverse: true },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'total',
        barMaxWidth: 22,
        itemStyle: { color: s.color },
        data: s.values,
      })),
    }),
    [categories, series],
  );
  return <EChart option={option} height={height} />;
}
