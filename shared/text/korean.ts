/**
 * Small Hangul helpers shared by search, the gazetteer and the redaction detector.
 * Pure string arithmetic on the Unicode Hangul Syllables block (U+AC00–U+D7A3):
 * syllable = 0xAC00 + (initial × 21 + medial) × 28 + final.
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const MEDIALS = 21;
const FINALS = 28;

// Initial consonant indices (ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇ…).
const INITIAL_NIEUN = 2; // ㄴ
const INITIAL_RIEUL = 5; // ㄹ
const INITIAL_IEUNG = 11; // ㅇ

/**
 * Medials before which South Korean spelling drops an initial ㄹ or ㄴ entirely (두음법칙):
 * ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ. Before every other vowel an initial ㄹ becomes ㄴ.
 */
const Y_OR_I_MEDIALS = new Set([2, 3, 6, 7, 12, 17, 20]);

export function isHangulSyllable(char: string): boolean {
  const code = char.codePointAt(0);
  return code !== undefined && code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;
}

/** True if the text holds any Hangul syllable or jamo (used to guess a narrative's language). */
export function containsHangul(text: string): boolean {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/u.test(text);
}

/**
 * Folds North and South Korean spellings together for matching: in every syllable, an initial ㄹ
 * becomes ㄴ (로동→노동, 락원→낙원), and an initial ㄹ or ㄴ before ㅣ/y-vowels becomes ㅇ
 * (량강→양강, 리원→이원, 녀성→여성, 녕변→영변, 은률→은율).
 *
 * It is applied to every syllable, not only the first of a word, because we cannot know where
 * words begin in run-together names, and both sides of a comparison get the same treatment.
 * The result is a matching key, not correct spelling: 회령 becomes 회영, and so does a query for 회령.
 */
export function normaliseKoreanInitialSound(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) {
      out += char;
      continue;
    }
    const offset = code - SYLLABLE_FIRST;
    let initial = Math.floor(offset / (MEDIALS * FINALS));
    const medial = Math.floor((offset % (MEDIALS * FINALS)) / FINALS);
    const final = offset % FINALS;
    if ((initial === INITIAL_RIEUL || initial === INITIAL_NIEUN) && Y_OR_I_MEDIALS.has(medial)) {
      initial = INITIAL_IEUNG;
    } else if (initial === INITIAL_RIEUL) {
      initial = INITIAL_NIEUN;
    }
    out += String.fromCodePoint(SYLLABLE_FIRST + (initial * MEDIALS + medial) * FINALS + final);
  }
  return out;
}

/**
 * A key for case-, diacritic-, punctuation- and North/South-spelling-insensitive comparison:
 * "Hoeryŏng", "hoeryong" and "HOE-RYONG" give the same key; so do "량강도" and "양강도".
 * Apostrophes and hyphens of McCune–Reischauer (P'yŏngyang, Sŏn'gyo) are dropped, spaces too.
 */
export function searchKey(text: string): string {
  const withoutMarks = text
    .normalize('NFKD')
    // Combining marks (the breve of ŏ/ŭ, accents) go; Hangul jamo are recomposed below.
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
  return normaliseKoreanInitialSound(withoutMarks.toLowerCase()).replace(/[^\p{L}\p{N}]/gu, '');
}
