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
