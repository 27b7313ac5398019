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

export function HighlightedText({ text, marks, lang, onMarkClick }: { text: string; marks: readonly Mark[]; lang?: string; onMarkClick?(itemId: string): void }) {
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
  return (
    <p className="hl-text" lang={lang}>
      {nodes}
    </p>
  );
}
