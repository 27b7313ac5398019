/** What every recogniser shares: the span sink and the Hangul words of a text. */
import type { DetectedSpan, SpanType } from './types';

export interface Word {
  start: number;
  end: number;
  /** The distinct word at these offsets, shared by all its occurrences. */
  entry: HangulWord;
}

/**
 * A distinct Hangul word, looked up once per occurrence (hangulWords): the place and person
 * recognisers keep what they work out about it here, so a word is hashed once, not once by each.
 */
export interface HangulWord {
  readonly w: string;
  /** What persons.ts works out about the word; undefined until it asks. */
  person: object | undefined;
  /** What places.ts works out about the word; undefined until it asks. */
  place: object | undefined;
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
      words.push({ start, end: i, entry: HANGUL_WORDS.get(text, start, i) });
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
  /** What is known about the word itself, shared by every occurrence of it. */
  info: LatinWord;
}

/**
 * A distinct Latin word, worked out once and shared by all its occurrences (latinTokens): its string
 * and key are made once, so every set look-up on them hashes a string the engine has hashed before,
 * and the recognisers keep their per-word facts here instead of asking the word lists again.
 */
export interface LatinWord {
  readonly w: string;
  readonly key: string;
  readonly capitalised: boolean;
  /** Bits of the cue word sets (registerCueWords) the key belongs to; 0 for most words. */
  readonly cueBits: number;
  /** [w], for a unit of one word (latin-names.ts); never changed. */
  readonly alone: readonly string[];
  /** Facts the person recogniser caches about the word (latin-names.ts); -1 until asked. */
  personFacts: number;
  /** The roles of the word among the cue words of cued.ts (bits; 0 for most words); -1 until asked. */
  cueRoles: number;
  /** romanKey of the word (known-terms.ts); undefined until asked. */
  romanKey: string | undefined;
  /** What the place recogniser works out about the word (places.ts); undefined until it asks. */
  place: object | undefined;
}

/** Latin letters with diacritics (U+00C0–U+024F) folded to their base letter, lower case; '' for none (×, ÷). */
const LATIN_FOLD: string[] = [];
for (let code = 0xc0; code <= 0x24f; code++) LATIN_FOLD[code - 0xc0] = String.fromCharCode(code).normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();

function isTokenStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

let memoText: string | undefined;
let memoTokens: LatinToken[] = [];
/**
 * Per cue set (by bit number), the starts of the text's words in that set, in order: execAtWords
 * walks only the words of its own set, not every cue word of every pattern ("the", "in", "was" …).
 */
let memoCueStarts: number[][] = [];

/** Lower-case first words of the word-anchored patterns → one bit per pattern (registerCueWords). */
const CUE_BITS = new Map<string, number>();
let cueCount = 0;

/** Registers the first words of a word-anchored pattern once, at load; its bit is given to execAtWords. */
export function registerCueWords(words: Iterable<string>): number {
  if (cueCount >= 30) throw new Error('too many cue word sets');
  for (const word of words) if (word.length < 2 || word.length > 12) throw new Error(`cue word of ${word.length} letters`);
  const bit = 1 << cueCount++;
  for (const word of words) CUE_BITS.set(word.toLowerCase(), (CUE_BITS.get(word.toLowerCase()) ?? 0) | bit);
  // Words seen before this set existed carry stale cue bits.
  LATIN_WORDS.clear();
  return bit;
}

function latinKeyOf(word: string): string {
  let ascii = true;
  let upper = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c > 122 || c < 65 || (c > 90 && c < 97)) ascii = false;
    else if (c <= 90) upper = true;
  }
  if (ascii) return upper ? word.toLowerCase() : word;
  let key = '';
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 65 && c <= 90) key += String.fromCharCode(c + 32);
    else if (c >= 97 && c <= 122) key += word[k];
    else if (c >= 0xc0 && c <= 0x24f) key += LATIN_FOLD[c - 0xc0];
  }
  return key;
}

function analyseLatinWord(w: string): LatinWord {
  const key = latinKeyOf(w);
  const c0 = w.charCodeAt(0);
  // Cue words are 2 to 12 letters: other words are not looked up.
  const cueBits = w.length >= 2 && w.length <= 12 ? (CUE_BITS.get(key) ?? 0) : 0;
  return { w, key, capitalised: (c0 >= 65 && c0 <= 90) || (c0 >= 0xc0 && c0 <= 0xde), cueBits, alone: [w], personFacts: -1, cueRoles: -1, romanKey: undefined, place: undefined };
}

/**
 * Latin-script words of a text, once per text: the place, facility, person and known-term recognisers
 * all walk the same list (the last text's list is kept, since they run one after the other on it).
 * One pass over the characters; the key is built as it goes (no regular expression, no normalize()).
 */
export function latinTokens(text: string): LatinToken[] {
  if (text === memoText) return memoTokens;
  const tokens: LatinToken[] = [];
  const cueStarts: number[][] = [];
  for (let bit = 0; bit < cueCount; bit++) cueStarts.push([]);
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (!isTokenStart(c0)) {
      i++;
      continue;
    }
    const start = i;
    let end = i + 1;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (!isTokenStart(c) && !isApostrophe(c)) break;
      end++;
    }
    // "Hoeryong's", "Kim's": the possessive is not part of the name; nor is a closing apostrophe.
    let wordEnd = end;
    const last = text.charCodeAt(end - 1);
    if (last === 115 && end - start >= 2 && isApostrophe(text.charCodeAt(end - 2))) wordEnd = end - 2;
    else if (isApostrophe(last)) wordEnd = end - 1;
    const info = LATIN_WORDS.get(text, start, wordEnd);
    tokens.push({ start, end: wordEnd, word: info.w, key: info.key, capitalised: info.capitalised, info });
    const bits = info.cueBits;
    if (bits !== 0) for (let rest = bits; rest !== 0; rest &= rest - 1) cueStarts[31 - Math.clz32(rest & -rest)]!.push(start);
    i = end;
  }
  memoText = text;
  memoTokens = tokens;
  memoCueStarts = cueStarts;
  return tokens;
}

/**
 * Everything the detector keeps between calls that holds words of testimony: the per-word tables, the
 * per-string memos, the last text's tokens. Each registers how to empty itself, so that locking the vault
 * can drop them all (clearDetectorCaches): words of a testimony must not outlive the unlocked vault.
 */
interface DetectorCache {
  clear(): void;
  /** Entries held now (for tests and diagnostics). */
  readonly size: number;
}
const DETECTOR_CACHES: DetectorCache[] = [];

/** Registers a cache that holds words of testimony, to be emptied by clearDetectorCaches. */
export function registerDetectorCache(cache: DetectorCache): void {
  DETECTOR_CACHES.push(cache);
}

/**
 * Empties every cache of the detector (word tables, memos, the last text's tokens). Call it when the vault
 * locks. Detection afterwards gives the same spans, only the first texts are slower.
 */
export function clearDetectorCaches(): void {
  for (const cache of DETECTOR_CACHES) cache.clear();
}

/** How many entries the detector's caches hold now: 0 right after clearDetectorCaches. */
export function detectorCacheEntries(): number {
  let total = 0;
  for (const cache of DETECTOR_CACHES) total += cache.size;
  return total;
}

registerDetectorCache({
  clear(): void {
    memoText = undefined;
    memoTokens = [];
    memoCueStarts = [];
  },
  get size(): number {
    return memoText === undefined ? 0 : 1;
  },
});

/**
 * Memoises a pure function of one string. Korean words repeat (particles, common verbs), and the
 * per-word tests slice and hash the same strings again and again; the cache is bounded and simply
 * emptied when full, so memory stays flat on any input. Registered with clearDetectorCaches.
 */
export function memoByString<T>(fn: (s: string) => T, limit = 50_000): (s: string) => T {
  // Values are boxed so that a cached `undefined` or 0 costs one look-up, not two.
  const cache = new Map<string, { value: T }>();
  registerDetectorCache(cache);
  return (s: string): T => {
    const hit = cache.get(s);
    if (hit) return hit.value;
    const value = fn(s);
    if (cache.size >= limit) cache.clear();
    cache.set(s, { value });
    return value;
  };
}

/**
 * A table from words of a text to what is known about them, looked up by offsets into the text: no
 * substring is made and no string is hashed by the engine for a word seen before. Open addressing over
 * a hash of the character codes; when it fills up it is emptied, so memory stays bounded on any input.
 * It starts small and doubles up to 2^bits slots: a few thousand words in a dense table stay in the
 * processor's cache, where the same words spread over a sparse full-size table miss it at every look-up
 * (most of all on mixed Korean and English text, where the tables of both scripts take turns).
 */
export class WordTable<T extends { readonly w: string }> {
  private readonly maxMask: number;
  private mask: number;
  private hashes: Int32Array;
  private values: Array<T | undefined>;
  private count = 0;

  constructor(
    private readonly compute: (word: string) => T,
    bits = 16,
  ) {
    this.maxMask = (1 << bits) - 1;
    this.mask = Math.min(this.maxMask, INITIAL_TABLE_SLOTS - 1);
    this.hashes = new Int32Array(this.mask + 1);
    this.values = new Array<T | undefined>(this.mask + 1).fill(undefined);
    registerDetectorCache(this);
  }

  /** Words held now. */
  get size(): number {
    return this.count;
  }

  /** Forgets everything (what was worked out is no longer valid, or the vault locked). */
  clear(): void {
    this.mask = Math.min(this.maxMask, INITIAL_TABLE_SLOTS - 1);
    this.hashes = new Int32Array(this.mask + 1);
    this.values = new Array<T | undefined>(this.mask + 1).fill(undefined);
    this.count = 0;
  }

  /** What is known about text[start, end), worked out on first sight. */
  get(text: string, start: number, end: number): T {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h |= 1; // 0 marks an empty slot
    const len = end - start;
    const hashes = this.hashes;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const stored = hashes[slot]!;
      if (stored === 0) break;
      if (stored === h) {
        const value = this.values[slot]!;
        const w = value.w;
        if (w.length === len) {
          let same = true;
          for (let i = 0; i < len; i++) {
            if (w.charCodeAt(i) !== text.charCodeAt(start + i)) {
              same = false;
              break;
            }
          }
          if (same) return value;
        }
      }
    }
    const value = this.compute(text.slice(start, end));
    // Keep the table at most half full: probe runs stay short. Grow while it may, else start again.
    if (this.count * 2 >= this.mask) {
      if (this.mask < this.maxMask) this.grow();
      else this.clear();
    }
    this.place(h, value);
    this.count++;
    return value;
  }

  private place(h: number, value: T): void {
    let slot = h & this.mask;
    while (this.hashes[slot] !== 0) slot = (slot + 1) & this.mask;
    this.hashes[slot] = h;
    this.values[slot] = value;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldValues = this.values;
    this.mask = this.mask * 2 + 1;
    this.hashes = new Int32Array(this.mask + 1);
    this.values = new Array<T | undefined>(this.mask + 1).fill(undefined);
    for (let slot = 0; slot < oldHashes.length; slot++) if (oldHashes[slot] !== 0) this.place(oldHashes[slot]!, oldValues[slot]!);
  }
}

/** Slots a word table starts with (it doubles as it fills). */
const INITIAL_TABLE_SLOTS = 1024;

/** Every distinct Hangul word of the texts seen lately (hangulWords). */
const HANGUL_WORDS = new WordTable<HangulWord>((w) => ({ w, person: undefined, place: undefined }));

/** Every distinct Latin word of the texts seen lately (latinTokens). */
const LATIN_WORDS = new WordTable<LatinWord>(analyseLatinWord);

/**
 * Runs a sticky regular expression only where a Latin word of its cue set (registerCueWords) starts,
 * instead of at every position of the text: for patterns that begin with one of a few words ("in",
 * "called", "aged"), an engine scan tries the whole alternation at every character. The cue words are
 * compared in lower case; the pattern itself decides case. Matches do not overlap, as with /g.
 */
export function execAtWords(re: RegExp, text: string, haystack: string, cue: number, found: (m: RegExpExecArray) => void): void {
  if (cue === 0 || (cue & (cue - 1)) !== 0) throw new Error('execAtWords takes one cue set, as registerCueWords returns it');
  latinTokens(text);
  let after = 0;
  for (const start of memoCueStarts[31 - Math.clz32(cue)]!) {
    if (start < after) continue;
    re.lastIndex = start;
    const m = re.exec(haystack);
    if (m === null) continue;
    after = m.index + Math.max(1, m[0].length);
    found(m);
  }
}
