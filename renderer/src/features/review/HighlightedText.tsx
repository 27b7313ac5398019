/**
 * A text with marked stretches, rendered as React text nodes (never HTML). Each mark carries a
 * visible label (the span's type, or "replaced" / "kept" / "left in") so that colour is never the
 * only sign. Overlapping marks: the earlier one in the list wins, the later is left out here (it is
 * still listed with its controls).
 */
import type { ReactNode } from 'react';

export interface Mark {
  start: number;
  end: number;
  /** CSS classes of the mark (type, status). */
  className: string;
  /** The visible label before the marked text. */
  label: string;
  /** Points the mark to its item's controls, for a click that moves there. */
  itemId?: string;
}

export function pieces(text: string, marks: readonly Mark[]): Array<string | Mark> {
  const chosen: Mark[] = [];
  for (const mark of marks) {
    if (mark.start >= mark.end || mark.end > text.length) continue;
    if (chosen.some((other) => mark.start < other.end && other.start < mark.end)) continue;
    chosen.push(mark);
  }
  chosen.sort((a, b) => a.start - b.start);
  const out: Array<string | Mark> = [];
  let at = 0;
  for (const mark of chosen) {
    if (mark.start > at) out.push(text.slice(at, mark.start));
    out.push(mark);
    at = mark.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/**
 * Where a point of the page's selection falls in the text: the characters before it, the marks'
 * labels not counted (they are not part of the text).
 */
function textOffset(container: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(container, 0);
  range.setEnd(node, offset);
  const before = range.cloneContents();
  for (const label of before.querySelectorAll('.hl-label')) label.remove();
  return before.textContent?.length ?? 0;
}

/** The selection inside this text as string indices, or undefined when there is none in it. */
export function selectedRange(container: HTMLElement): { start: number; end: number } | undefined {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return undefined;
  const start = textOffset(container, range.startContainer, range.startOffset);
  const end = textOffset(container, range.endContainer, range.endOffset);
  return end > start ? { start, end } : undefined;
}

export function HighlightedText({
  text,
  marks,
  lang,
  onMarkClick,
  onSelectRange,
}: {
  text: string;
  marks: readonly Mark[];
  lang?: string;
  onMarkClick?(itemId: string): void;
  /** Called with the words a reader selected in this text (mouse or keyboard). */
  onSelectRange?(range: { start: number; end: number }): void;
}) {
  const nodes: ReactNode[] = pieces(text, marks).map((piece, index) =>
    typeof piece === 'string' ? (
      piece
    ) : (
      <mark
        key={index}
        className={`hl ${piece.className}`}
        onClick={piece.itemId && onMarkClick ? () => onMarkClick(piece.itemId!) : undefined}
      >
        <span className="hl-label">{piece.label}</span>
        {text.slice(piece.start, piece.end)}
      </mark>
    ),
  );
  const report = onSelectRange
    ? (event: { currentTarget: HTMLElement }) => {
        const range = selectedRange(event.currentTarget);
        if (range) onSelectRange(range);
      }
    : undefined;
  return (
    <p className="hl-text" lang={lang} onMouseUp={report} onKeyUp={report}>
      {nodes}
    </p>
  );
}
