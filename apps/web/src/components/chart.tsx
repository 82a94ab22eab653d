import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { EChartProps } from './bar-chart';
import { useNear } from './when-near';

// The chart code (ECharts, a large file) loads when a chart is about to come into view, not with the
// page: the SLA board's and the analyst's charts sit below their tables on a laptop screen, and the
// page's first view does without them. A few seconds later, when the browser is idle, the code is
// fetched anyway, so scrolling down finds it ready.
const loadBar = () => import('./bar-chart');
const loadTrend = () => import('./trend-charts');
const BarEChart = lazy(() => loadBar().then((m) => ({ default: m.EChart })));
const TrendEChart = lazy(() => loadTrend().then((m) => ({ default: m.EChart })));

/** How far below the visible part of the page a chart starts loading. */
const AHEAD = '300px';

/**
 * A chart (ECharts) drawn once it is within {@link AHEAD} of the viewport. `kind`: `bar` (bars, axes,
 * tooltip, legend) or `trend` (also the treemap). Carries `data-testid="echart"`, and `data-drawn`
 * once it has drawn its data (what the page-load benchmark waits for when the chart is in view).
 */
export function Chart({ kind = 'bar', height = 300, ...props }: EChartProps & { kind?: 'bar' | 'trend' }) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNear(box, AHEAD);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    if (near) return;
    return whenIdle(() => void (kind === 'bar' ? loadBar() : loadTrend()).catch(() => undefined));
  }, [near, kind]);

  const Impl = kind === 'bar' ? BarEChart : TrendEChart;
  return (
    <div
      ref={box}
      style={{ width: '100%', minHeight: height }}
      data-testid="echart"
      data-drawn={drawn || undefined}
    >
      {near && (
        <Suspense fallback={null}>
          <Impl {...props} height={height} onDrawn={() => setDrawn(true)} />
        </Suspense>
      )}
    </div>
  );
}

/** Runs `fn` when the browser is idle after the page's first two seconds; answers a cancel function. */
function whenIdle(fn: () => void): () => void {
  let idle: number | undefined;
  const wait = setTimeout(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(fn, { timeout: 3000 });
    else fn();
  }, 2000);
  return () => {
    clearTimeout(wait);
    if (idle !== undefined) cancelIdleCallback(idle);
  };
}
