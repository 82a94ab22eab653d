import { LineChart, TreemapChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, TreemapSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { type ComposeOption, use as registerCharts } from 'echarts/core';
import { useMemo } from 'react';
import { EChart } from './bar-chart';

// The analyst's charts: lines (sparklines, trends) and the street treemap, added to the core modules
// the bar chart registers (bar, grid, tooltip, legend, canvas). Only the pages importing this load them.
registerCharts([LineChart, TreemapChart]);

export type TrendChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | TreemapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
>;

export { EChart };

/**
 * A small line of counts without axes (a window or week per point, oldest first); the tooltip names
 * each point's period. Redrawn only when the numbers change, not on every poll.
 */
export function Sparkline({
  values,
  labels,
  width = 120,
  height = 30,
  color = '#1f5fbf',
}: {
  values: readonly number[];
  labels: readonly string[];
  width?: number;
  height?: number;
  color?: string;
}) {
  const key = JSON.stringify([values, labels, color]);
  const option = useMemo<TrendChartOption>(() => {
    const [v, l, c] = JSON.parse(key) as [number[], string[], string];
    return {
      animation: false,
      grid: { left: 2, right: 2, top: 3, bottom: 3 },
      xAxis: { type: 'category', show: false, data: l, boundaryGap: false },
      yAxis: { type: 'value', show: false, min: 0, minInterval: 1 },
      tooltip: { trigger: 'axis', confine: true, textStyle: { fontSize: 11 }, padding: [2, 6] },
      series: [
        {
          type: 'line',
          data: v,
          symbol: 'circle',
          symbolSize: 3,
          showSymbol: false,
          lineStyle: { width: 1.5, color: c },
          itemStyle: { color: c },
          areaStyle: { color: c, opacity: 0.12 },
        },
      ],
    };
  }, [key]);
  return (
    <div style={{ width }} data-sparkline={values.join(',')}>
      <EChart option={option} height={height} />
    </div>
  );
}
