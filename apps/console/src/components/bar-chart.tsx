import { BarChart as EBarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([EBarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

/** A stacked horizontal bar chart; ECharts draws on a canvas, so the element is resized with its container. */
export function StackedBarChart({
  categories,
  series,
  height = 320,
}: {
  categories: string[];
  series: BarSeries[];
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current);
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
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
      },
      { notMerge: true },
    );
  }, [categories, series]);

  return <div ref={el} style={{ width: '100%', height }} />;
}
