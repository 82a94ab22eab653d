import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, type EChartsCoreOption, init, use as registerCharts } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// ECharts from its core modules only: the bar chart, its axes, tooltip and legend, on canvas.
registerCharts([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number;
  onBarClick?: (seriesIndex: number, dataIndex: number) => void;
  /** Called each time it has drawn an option with data. */
  onDrawn?: () => void;
}

/**
 * An ECharts chart that follows its option and its container's size. Charts other than the bar chart
 * register their core modules where they are used (`trend-charts.tsx`), in the pages that need them.
 * Pages show it through `Chart` (chart.tsx), which loads this code once the chart is about to be seen.
 */
export function EChart({ option, height = 300, onBarClick, onDrawn }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init>>(undefined);
  const clickRef = useRef(onBarClick);
  clickRef.current = onBarClick;
  const drawnRef = useRef(onDrawn);
  drawnRef.current = onDrawn;
  const withData = useRef(false);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      if (p.seriesIndex !== undefined) clickRef.current?.(p.seriesIndex, p.dataIndex);
    });
    c.on('finished', () => {
      if (withData.current) drawnRef.current?.();
    });
    // Redrawn when the box changes size, not for the observer's first report of the size it has.
    let size = [node.clientWidth, node.clientHeight];
    const resize = new ResizeObserver(() => {
      if (node.clientWidth === size[0] && node.clientHeight === size[1]) return;
      size = [node.clientWidth, node.clientHeight];
      c.resize();
    });
    resize.observe(node);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const had = withData.current;
    withData.current = hasData(option);
    // Nothing to draw yet (the data is loading): no empty axes drawn first and again a moment later.
    if (!had && !withData.current) return;
    // Drawn at once, without the entry animation: a second of redrawing on a loaded machine slows
    // the rest of the page (an option may still ask for `animation: true`).
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={el} style={{ width: '100%', height }} />;
}

/** Whether some series of the option has a data point. */
function hasData(option: EChartsCoreOption): boolean {
  const series = (option as { series?: { data?: unknown[] }[] | { data?: unknown[] } }).series;
  return (Array.isArray(series) ? series : series ? [series] : []).some((s) => (s.data?.length ?? 0) > 0);
}
