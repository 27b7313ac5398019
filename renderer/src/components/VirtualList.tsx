/**
 * A list that renders only the rows in view (plus a margin), so that 10,000 testimonies scroll as
 * fast as 10. Rows have a fixed height. Keyboard: arrows, Page Up/Down, Home and End move focus
 * between rows; the row with focus is always rendered. Screen readers get each row's position
 * (aria-posinset / aria-setsize) since most rows are not in the DOM.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  label: string;
  renderRow(index: number): ReactNode;
  /** Called with the rendered range [start, end) whenever it changes: load what is missing. */
  onRangeChange?(start: number, end: number): void;
  overscan?: number;
}

export function VirtualList({ count, rowHeight, label, renderRow, onRangeChange, overscan = 8 }: VirtualListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const pendingFocus = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight || 600);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 600));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    onRangeChange?.(first, last);
  }, [first, last, onRangeChange]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === undefined) return;
    pendingFocus.current = undefined;
    const row = viewport.current?.querySelector<HTMLElement>(`[data-row="${index}"] button, [data-row="${index}"] a`);
    row?.focus({ preventScroll: true });
  });

  const moveTo = useCallback(
    (index: number) => {
      const element = viewport.current;
      if (!element || count === 0) return;
      const target = Math.min(Math.max(index, 0), count - 1);
      const top = target * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
      setScrollTop(element.scrollTop);
      setFocusIndex(target);
      pendingFocus.current = target;
    },
    [count, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const rowElement = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!rowElement) return;
    const current = Number(rowElement.dataset['row']);
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: count - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };

  const indices: number[] = [];
  for (let index = first; index < last; index += 1) indices.push(index);
  if (focusIndex !== undefined && focusIndex < count && (focusIndex < first || focusIndex >= last)) indices.push(focusIndex);

  return (
    <div className="vlist" ref={viewport} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div role="list" aria-label={label} className="vlist-body" style={{ height: count * rowHeight }}>
        {indices.map((index) => (
          <div
            key={index}
            role="listitem"
            data-row={index}
            aria-posinset={index + 1}
            aria-setsize={count}
            className="vlist-row"
            style={{ transform: `translateY(${index * rowHeight}px)`, height: rowHeight }}
          >
            {renderRow(index)}
          </div>
        ))}
      </div>
    </div>
  );
}
