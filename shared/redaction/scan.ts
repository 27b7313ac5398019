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

export interface LatinToken {
  start: number;
  end: number;
  word: string;
  /** Lower case, diacritics and apostrophes removed: "Hoeryŏng" → "hoeryong". */
  key: string;
  capitalised: boolean;
}

const LATIN_TOKEN = /[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’]*/g;
const ASCII_WORD = /^[A-Za-z]+$/;
let memoText: string | undefined;
let memoTokens: LatinToken[] = [];

/**
 * Latin-script words of a text, once per text: the place, facility and known-term recognisers all
 * walk the same list (the last text's list is kept, since they run one after the other on it).
 */
export function latinTokens(text: string): LatinToken[] {
  if (text === memoText) return memoTokens;
  const tokens: LatinToken[] = [];
  LATIN_TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LATIN_TOKEN.exec(text)) !== null) {
    let word = m[0];
    // "Hoeryong's", "Kim's": the possessive is not part of the name.
    if (/['’]s$/.test(word)) word = word.slice(0, -2);
    else if (word.endsWith("'") || word.endsWith('’')) word = word.slice(0, -1);
    const key = ASCII_WORD.test(word) ? word.toLowerCase() : word.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
    const c = word.charCodeAt(0);
    tokens.push({ start: m.index, end: m.index + word.length, word, key, capitalised: (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde) });
  }
  memoText = text;
  memoTokens = tokens;
  return tokens;
}

/**
 * Memoises a pure function of one string. Korean words repeat (particles, common verbs), and the
 * per-word tests slice and hash the same strings again and again; the cache is bounded and simply
 * emptied when full, so memory stays flat on any input.
 */
export function memoByString<T>(fn: (s: string) => T, limit = 50_000): (s: string) => T {
  // Values are boxed so that a cached `undefined` or 0 costs one look-up, not two.
  const cache = new Map<string, { value: T }>();
  return (s: string): T => {
    const hit = cache.get(s);
    if (hit) return hit.value;
    const value = fn(s);
    if (cache.size >= limit) cache.clear();
    cache.set(s, { value });
    return value;
  };
}
