/**
 * PERSON by a title the lexicon may lack before a known surname: "Deputy Ryang", "Prosecutor Wi",
 * "Headmaster Ok retired", "Deputy Director Mun Chol-ho". The evidence is the pair: a capitalised role
 * word (rank, post, church or school role, address term; data/generic-english.json) and a word of the
 * surname tables right after it. The title stays outside the span (ANNOTATION.md); a Korean given name
 * after the surname (Chol-ho, Myongchol) joins it.
 */
import { koreanGivenShape } from './latin-names';
import type { LatinToken, Sink } from './scan';
import { isLatinPlace } from './places';
import { AMBIGUOUS_SURNAMES, FACILITY_HEADS, isCommonWord, isSurnameWord, MONTHS_AND_DAYS, nameCased, NEVER_SURNAMES, PLACE_HEADS, RANK_ABBREVIATIONS, ROLE_TITLES, spaceBetween } from './generic-english-words';

/** A capitalised word that can be a given name or surname of any origin: not English, no title, head, month or place. */
function foreignNameWord(word: string): boolean {
  return nameCased(word) && word.length >= 3 && !isCommonWord(word) && !ROLE_TITLES.has(word) && !RANK_ABBREVIATIONS.has(word) && !FACILITY_HEADS.has(word) && !PLACE_HEADS.has(word) && !MONTHS_AND_DAYS.has(word) && !isLatinPlace(word);
}

/** "Lt. ", "Pol. Maj. Gen. ": abbreviated ranks, each with its full stop; the index of the first word after them. */
function afterAbbreviations(text: string, tokens: readonly LatinToken[], i: number): number {
  let k = i;
  while (tokens[k + 1] && RANK_ABBREVIATIONS.has(tokens[k]!.word) && tokens[k + 1]!.start === tokens[k]!.end + 2 && text.charCodeAt(tokens[k]!.end) === 46 && text.charCodeAt(tokens[k]!.end + 1) === 32) k++;
  return k;
}

export function detectTitledNames(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const title = tokens[i]!;
    if (title.capitalised && RANK_ABBREVIATIONS.has(title.word)) {
      const k = afterAbbreviations(text, tokens, i);
      if (k > i) foreignNameAfter(text, tokens, k, sink, `${title.word}.`);
      i = Math.max(i, k - 1);
      continue;
    }
    if (!title.capitalised || !ROLE_TITLES.has(title.word)) continue;
    const surname = tokens[i + 1]!;
    // "Deputy Ryang", "Dr. Ryang", "Lt. Ryang".
    const gapOk = spaceBetween(text, title, surname) || (surname.start === title.end + 2 && text.charCodeAt(title.end) === 46 && text.charCodeAt(title.end + 1) === 32);
    if (!gapOk) continue;
    if (!isSurnameWord(surname.word)) {
      // "Deputy Prasert", "Prosecutor Annika Berg": any name after a title, if it is no English word.
      if (spaceBetween(text, title, surname)) foreignNameAfter(text, tokens, i + 1, sink, title.word);
      continue;
    }
    if (NEVER_SURNAMES.has(surname.word)) continue;
    let end = surname.end;
    const next = tokens[i + 2];
    if (next && spaceBetween(text, surname, next) && next.capitalised) {
      const after = tokens[i + 3];
      if (text.charCodeAt(next.end) === 45 && after && after.start === next.end + 1 && koreanGivenShape(`${next.word}-${after.word}`)) end = after.end;
      else if (nameCased(next.word) && !isCommonWord(next.word) && !ROLE_TITLES.has(next.word) && koreanGivenShape(next.word)) end = next.end;
      // "Director Ha Kang Hospital": a capitalised word after an ambiguous surname that is not a given name.
      else if (AMBIGUOUS_SURNAMES.has(surname.word)) continue;
    }
    sink.add(surname.start, end, 'PERSON', 0.8, `surname after title "${title.word}"`);
  }
}

/** One or two foreign name words from tokens[k]: "Wichai Sriwong", "Prasert". */
function foreignNameAfter(text: string, tokens: readonly LatinToken[], k: number, sink: Sink, title: string): void {
  const first = tokens[k];
  if (!first || !foreignNameWord(first.word) || isSurnameWord(first.word)) {
    if (!first || !isSurnameWord(first.word) || NEVER_SURNAMES.has(first.word) || AMBIGUOUS_SURNAMES.has(first.word)) return;
  }
  let end = first.end;
  const second = tokens[k + 1];
  if (second && spaceBetween(text, first, second) && (foreignNameWord(second.word) || isSurnameWord(second.word)) && !NEVER_SURNAMES.has(second.word)) end = second.end;
  else if (second && text.charCodeAt(first.end) === 45 && second.start === first.end + 1 && /^[a-z]/.test(second.word)) end = second.end;
  sink.add(first.start, end, 'PERSON', 0.75, `name after title "${title}"`);
}
