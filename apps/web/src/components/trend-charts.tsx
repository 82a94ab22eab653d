import { TreemapChart } from 'echarts/charts';
import type { BarSeriesOption, TreemapSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { type ComposeOption, use as registerCharts } from 'echarts/core';
import { EChart } from './bar-chart';

// The analyst's charts: the street treemap, added to the core modules the bar chart registers (bar,
// grid, tooltip, legend, canvas). Only the pages importing this load it. The sparklines are drawn
// without ECharts (sparkline.tsx).
registerCharts([TreemapChart]);

export type TrendChartOption = ComposeOption<
  BarSeriesOption | TreemapSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export { EChart };
