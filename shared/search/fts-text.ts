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

/** An FTS5 string literal: the text in double quotes, quotes inside doubled. */
const quoted = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * Terms of the index that begin with a word, so that the word can be searched as an OR of whole
 * terms rather than as an FTS5 prefix query (which reads and merges every such term's whole list
 * before it returns its first match). Undefined: search the word as a prefix query.
 */
export type PrefixExpander = (word: string) => readonly string[] | undefined;

/**
 * A query for FTS5 MATCH: every word must occur (AND). A Hangul word becomes a phrase of its
 * syllable pairs (substring match); a one-syllable word and other words match as prefixes, either
 * as FTS5 prefix queries or, where `expandPrefix` lists the terms they begin, as an OR of those
 * terms (the same matches). Returns undefined when the query has nothing searchable. Quotes keep
 * FTS5 syntax out of user text.
 */
export function ftsQuery(query: string, expandPrefix?: PrefixExpander): string | undefined {
  const parts: string[] = [];
  for (const match of prepare(query).matchAll(TOKEN)) {
    const word = match[0];
    const isHangul = HANGUL_WORD.test(word);
    if (isHangul && [...word].length >= 2) {
      const chars = [...word];
      const pairs: string[] = [];
      for (let index = 0; index + 1 < chars.length; index += 1) pairs.push(chars[index]! + chars[index + 1]!);
      parts.push(quoted(pairs.join(' ')));
      continue;
    }
    const terms = isHangul ? undefined : expandPrefix?.(word);
    if (terms && terms.length > 0) {
      parts.push(terms.length === 1 ? quoted(terms[0]!) : `(${terms.map(quoted).join(' OR ')})`);
    } else {
      parts.push(`${quoted(word)}*`);
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/**
 * Words at least this long may be searched as the whole terms they begin (see PrefixExpander);
 * shorter ones are read from FTS5's prefix indexes (3 and 4 characters) or merged by FTS5 itself.
 */
export const MIN_EXPANDED_WORD = 5;

/**
 * The distinct words of an index text (see indexText) that a prefix search may expand to: those
 * that are not Hangul and are at least MIN_EXPANDED_WORD long (a word that begins with a longer
 * one is at least as long).
 */
export function expandableTerms(indexedText: string): string[] {
  const terms = new Set<string>();
  for (const token of indexedText.split(' ')) if (token.length >= MIN_EXPANDED_WORD && !HANGUL_WORD.test(token)) terms.add(token);
  return [...terms];
}

/**
 * Filters (violation type, province, year) are indexed as tokens in a column of their own, so that
 * FTS5 intersects them with the words itself and ranks only the intersection. A filter token starts
 * with a private-use character, which indexText and ftsQuery never emit (they keep only letters and
 * digits), so no word a user writes or searches for can match, or prefix-match, a filter token.
 */
export const FILTER_MARK = '\uE000';

export type FilterKind = 'violation' | 'province' | 'year';
const FILTER_KIND_LETTER: Readonly<Record<FilterKind, string>> = { violation: 'v', province: 'p', year: 'y' };

/**
 * Keeps a value one token for the unicode61 tokenizer, injectively: lower-case letters other than
 * x and digits stay; every other UTF-16 unit (the hyphens of codes, capitals, x itself) becomes x
 * and four hex digits.
 */
function escapeFilterValue(value: string): string {
  let out = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    out += /[a-wyz0-9]/.test(char) ? char : `x${value.charCodeAt(index).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** The index token for one filter value, e.g. filterToken('violation', 'torture'). */
export function filterToken(kind: FilterKind, value: string | number): string {
  return FILTER_MARK + FILTER_KIND_LETTER[kind] + escapeFilterValue(String(value));
}

/** The FTS5 query that requires every given filter, or undefined when none is given. */
export function filterQuery(filters: { violation?: string | undefined; province?: string | undefined; year?: number | undefined }): string | undefined {
  const parts: string[] = [];
  if (filters.violation) parts.push(quoted(filterToken('violation', filters.violation)));
  if (filters.province) parts.push(quoted(filterToken('province', filters.province)));
  if (filters.year !== undefined) parts.push(quoted(filterToken('year', filters.year)));
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}
