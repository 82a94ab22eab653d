import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';

/** Whether the element has come within `margin` of the viewport (stays true once it has). */
export function useNear(ref: RefObject<HTMLElement | null>, margin = '300px'): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const node = ref.current;
    if (!node || near) return;
    const seen = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && setNear(true),
      {
        rootMargin: margin,
      },
    );
    seen.observe(node);
    return () => seen.disconnect();
  }, [ref, margin, near]);
  return near;
}

/**
 * Renders `children` once their place comes near the viewport, an empty box of `minHeight` until
 * then: a part far down a page does not hold up what the page shows first.
 */
export function WhenNear({ children, minHeight }: { children: ReactNode; minHeight: number }) {
  const box = useRef<HTMLDivElement>(null);
  const near = useNear(box);
  return (
    <div ref={box} style={near ? undefined : { minHeight }}>
      {near ? children : null}
    </div>
  );
}
