import { Tooltip, type TooltipProps } from 'antd';
import { cloneElement, type ReactElement, type ReactNode, useEffect, useRef, useState } from 'react';

type Handlers = {
  onMouseEnter?: (e: unknown) => void;
  onMouseLeave?: (e: unknown) => void;
  onFocus?: (e: unknown) => void;
  onBlur?: (e: unknown) => void;
};

/**
 * antd's Tooltip, created only once the pointer or the keyboard focus reaches its child: a list of
 * fifty rows with a tooltip or two each spent a good part of its first render (and of every
 * countdown tick) on tooltips nobody had opened. Opens after `delay` seconds, as Tooltip does.
 */
export function HoverTip({
  title,
  placement,
  delay = 0.1,
  children,
}: {
  title: ReactNode;
  placement?: TooltipProps['placement'];
  delay?: number;
  children: ReactElement<Handlers>;
}) {
  const [armed, setArmed] = useState(false);
  const [open, setOpen] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const own = children.props;
  const show = (e: unknown, handler?: (e: unknown) => void) => {
    handler?.(e);
    setArmed(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setOpen(true), delay * 1000);
  };
  const hide = (e: unknown, handler?: (e: unknown) => void) => {
    handler?.(e);
    clearTimeout(timer.current);
    setOpen(false);
  };
  const child = cloneElement(children, {
    onMouseEnter: (e: unknown) => show(e, own.onMouseEnter),
    onFocus: (e: unknown) => show(e, own.onFocus),
    onMouseLeave: (e: unknown) => hide(e, own.onMouseLeave),
    onBlur: (e: unknown) => hide(e, own.onBlur),
  });
  if (!armed) return child;
  return (
    <Tooltip title={title} placement={placement} open={open}>
      {child}
    </Tooltip>
  );
}
