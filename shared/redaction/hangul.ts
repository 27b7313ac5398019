/**
 * Hangul arithmetic for the detector. Unlike shared/text/korean.ts, every function here keeps string
 * offsets: one UTF-16 unit in, one out, so a match in folded text is a match at the same offsets in
 * the original.
 */

const FIRST = 0xac00;
const LAST = 0xd7a3;

export function isHangulCode(code: number): boolean {
  return code >= FIRST && code <= LAST;
}

/** Whether the character at `i` is a Hangul syllable (false outside the text). */
export function isHangulAt(text: string, i: number): boolean {
  return isHangulCode(text.charCodeAt(i));
}

/** The run of Hangul syllables that starts at `start` ('' when none does). */
export function hangulRunFrom(text: string, start: number): string {
  let end = start;
  while (isHangulCode(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

export function isHangulChar(char: string | undefined): boolean {
  return char !== undefined && char.length > 0 && isHangulCode(char.charCodeAt(0));
}

/** 0 = no final consonant. */
export function finalOf(char: string): number {
  const code = char.charCodeAt(0);
  return isHangulCode(code) ? (code - FIRST) % 28 : -1;
}

export function hasFinalConsonant(char: string | undefined): boolean {
  return char !== undefined && finalOf(char) > 0;
}

/** A syllable ending in ㄴ or ㄹ (final indices 4 and 8): the adnominal endings (작은, 다닐). */
export function endsInNieunOrRieul(char: string | undefined): boolean {
  if (char === undefined) return false;
  const final = finalOf(char);
  return final === 4 || final === 8;
}

/** Initial, medial, final indices of a syllable. */
export function decompose(char: string): [number, number, number] | undefined {
  const code = char.charCodeAt(0);
  if (!isHangulCode(code)) return undefined;
  const offset = code - FIRST;
  return [Math.floor(offset / 588), Math.floor((offset % 588) / 28), offset % 28];
}

const Y_OR_I = new Set([2, 3, 6, 7, 12, 17, 20]);

function foldCode(code: number): number {
  if (!isHangulCode(code)) return code;
  const offset = code - FIRST;
  let initial = Math.floor(offset / 588);
  const medial = Math.floor((offset % 588) / 28);
  const final = offset % 28;
  // ㄹ→ㄴ, and ㄹ/ㄴ before i or y → ㅇ: 리/이, 림/임, 류/유, 로/노, 량/양, 녀/여 meet.
  if ((initial === 5 || initial === 2) && Y_OR_I.has(medial)) initial = 11;
  else if (initial === 5) initial = 2;
  return FIRST + (initial * 21 + medial) * 28 + final;
}

/** North and South Korean initial sounds folded together (리→이, 로→노, 녀→여), offsets kept. */
export function foldInitialSound(text: string): string {
  let out = '';
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isHangulCode(code)) continue;
    const folded = foldCode(code);
    if (folded !== code) {
      out += text.slice(runStart, i) + String.fromCharCode(folded);
      runStart = i + 1;
    }
  }
  return runStart === 0 ? text : out + text.slice(runStart);
}

/**
 * A set of Hangul syllables as a bitmap over the 11,172 syllables: membership is one array read, no
 * string hashing, which matters in the per-word loops.
 */
export class SyllableSet {
  private readonly bits = new Uint8Array(LAST - FIRST + 1);
  constructor(syllables: Iterable<string>) {
    for (const s of syllables) {
      const code = s.charCodeAt(0);
      if (s.length === 1 && isHangulCode(code)) this.bits[code - FIRST] = 1;
    }
  }
  has(char: string | undefined): boolean {
    if (char === undefined || char.length === 0) return false;
    const code = char.charCodeAt(0);
    return isHangulCode(code) && this.bits[code - FIRST] === 1;
  }
  hasCode(code: number): boolean {
    return isHangulCode(code) && this.bits[code - FIRST] === 1;
  }
  /** Every character of `s` is in the set (and `s` is not empty). */
  all(s: string): boolean {
    if (s.length === 0) return false;
    for (let i = 0; i < s.length; i++) if (!this.hasCode(s.charCodeAt(i))) return false;
    return true;
  }
}

/** The first characters of a list of words, as a bitmap. */
export function firstSyllables(words: Iterable<string>): SyllableSet {
  const firsts: string[] = [];
  for (const w of words) if (w.length > 0) firsts.push(w[0]!);
  return new SyllableSet(firsts);
}

/** The last characters of a list of words, as a bitmap. */
export function lastSyllables(words: Iterable<string>): SyllableSet {
  const lasts: string[] = [];
  for (const w of words) if (w.length > 0) lasts.push(w[w.length - 1]!);
  return new SyllableSet(lasts);
}
