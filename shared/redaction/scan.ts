/** What every recogniser shares: the span sink and the Hangul words of a text. */
import type { DetectedSpan, SpanType } from './types';

export interface Word {
  start: number;
  end: number;
}

export class Sink {
  readonly spans: DetectedSpan[] = [];
  add(start: number, end: number, type: SpanType, score: number, reason: string, knownTermSource?: string): void {
    if (end <= start) return;
    this.spans.push(knownTermSource === undefined ? { start, end, type, score, reason } : { start, end, type, score, reason, knownTermSource });
  }
}

/** Runs of Hangul syllables, in order. One pass, no regex restarts. */
export function hangulWords(text: string): Word[] {
  const words: Word[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const hangul = code >= 0xac00 && code <= 0xd7a3;
    if (hangul && start < 0) start = i;
    else if (!hangul && start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  return words;
}
