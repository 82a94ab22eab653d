import { useEffect, useMemo, useState } from 'react';

/**
 * The first `first` of `rows` when they first arrive, all of them right after that paint: a long list
 * shows what fits on the screen a moment sooner, the rest (below it) follows in the next task.
 */
export function useFirstRows<T>(rows: readonly T[], first: number): readonly T[] {
  const [all, setAll] = useState(false);
  const cut = !all && rows.length > first;
  useEffect(() => {
    if (!cut) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A timer started in the frame callback runs after that frame is painted.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setAll(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [cut]);
  return useMemo(() => (cut ? rows.slice(0, first) : rows), [cut, rows, first]);
}
