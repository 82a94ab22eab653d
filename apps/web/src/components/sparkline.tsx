import { type MouseEvent, useEffect, useRef, useState } from 'react';

/**
 * A small line of counts without axes (a window or week per point, oldest first), drawn straight on
 * a canvas: a table shows twenty of them, and one chart library instance each made the analyst's
 * page slow to open. Hovering names the point's period and count.
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
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<number>();
  const key = values.join(',');

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = Math.round(width * ratio);
    el.height = Math.round(height * ratio);
    ctx.scale(ratio, ratio);
    ctx.clearRect(0, 0, width, height);
    const points = spark(values, width, height);
    if (!points.length) return;
    ctx.beginPath();
    points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.lineTo(points[points.length - 1][0], height - PAD);
    ctx.lineTo(points[0][0], height - PAD);
    ctx.closePath();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    if (hover !== undefined && points[hover]) {
      ctx.beginPath();
      ctx.arc(points[hover][0], points[hover][1], 2.5, 0, 2 * Math.PI);
      ctx.fillStyle = color;
      ctx.fill();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- redrawn when the numbers change, not the array
  }, [key, width, height, color, hover]);

  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    if (values.length < 2) return setHover(values.length ? 0 : undefined);
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    setHover(
      Math.max(
        0,
        Math.min(values.length - 1, Math.round(((x - PAD) / (width - 2 * PAD)) * (values.length - 1))),
      ),
    );
  };
  return (
    <div style={{ position: 'relative', width, height }} data-sparkline={key}>
      <canvas
        ref={canvas}
        style={{ width, height }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(undefined)}
        aria-label={labels.map((l, i) => `${l}: ${values[i] ?? ''}`).join(', ')}
        role="img"
      />
      {hover !== undefined && (
        <div style={TIP}>
          {labels[hover] ?? ''} <b>{values[hover]}</b>
        </div>
      )}
    </div>
  );
}

const PAD = 3;
const TIP = {
  position: 'absolute',
  bottom: '100%',
  left: 0,
  zIndex: 10,
  padding: '2px 6px',
  borderRadius: 4,
  background: 'rgba(0, 0, 0, 0.75)',
  color: '#fff',
  fontSize: 11,
  whiteSpace: 'nowrap',
  pointerEvents: 'none',
} as const;

/** The points of the line in a box of `width` × `height` (zero at the bottom, the largest count at the top). */
export function spark(values: readonly number[], width: number, height: number): [number, number][] {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (width - 2 * PAD) / (values.length - 1) : 0;
  return values.map((v, i) => [PAD + i * step, height - PAD - (v / max) * (height - 2 * PAD)]);
}
