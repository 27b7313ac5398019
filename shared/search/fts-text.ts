import { normaliseKoreanInitialSound } from '../text/korean';

/**
 * Turns text into the token stream stored in the full-text index, and a user's query into an FTS5
 * query over the same tokens. Korean has no spaces between a word and its particles (회령에서), and
 * many words are two syllables, so Hangul runs are indexed as overlapping syllable pairs plus the
 * run's last syllable; a query of any length then matches as a phrase of pairs. North and South
 * spellings (로동/노동, 리/이, 녀/여) are folded to one form on both sides before that.
 */

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** A Hangul run, or a run of other letters and digits (never mixing the two). */
const TOKEN = /[\uAC00-\uD7A3]+|(?:(?![\uAC00-\uD7A3])[\p{L}\p{N}])+/gu;

function hangulRunTokens(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const tokens: string[] = [];
  for (let index = 0; index + 1 < chars.length; index += 1) tokens.push(chars[index]! + chars[index + 1]!);
  tokens.push(chars[chars.length - 1]!);
  return tokens;
}

function prepare(text: string): string {
  return normaliseKoreanInitialSound(text.normalize('NFC')).toLowerCase();
}

/** The index form of a text: space-separated tokens. */
export function indexText(text: string): string {
  const out: string[] = [];
  for (const match of prepare(text).matchAll(TOKEN)) {
    const word = match[0];
    if (HANGUL_WORD.test(word)) {
      out.push(...hangulRunTokens(word));
    } else {
      out.push(word);
    }
  }
  return out.join(' ');
}

/**
 * A query for FTS5 MATCH: every word must occur (AND). A Hangul word becomes a phrase of its
 * syllable pairs (substring match); a one-syllable word and other words match as prefixes.
 * Returns undefined when the query has nothing searchable. Quotes keep FTS5 syntax out of user text.
 */
export function ftsQuery(query: string): string | undefined {
  const parts: string[] = [];
  for (const match of prepare(query).matchAll(TOKEN)) {
    const word = match[0];
    const isHangul = HANGUL_WORD.test(word);
    if (isHangul && [...word].length >= 2) {
      const chars = [...word];
      const pairs: string[] = [];
      for (let index = 0; index + 1 < chars.length; index += 1) pairs.push(chars[index]! + chars[index + 1]!);
      parts.push(`"${pairs.join(' ')}"`);
    } else {
      parts.push(`"${word}"*`);
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}
