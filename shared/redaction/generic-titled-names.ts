/**
 * PERSON by a title the lexicon may lack before a known surname: "Deputy Ryang", "Prosecutor Wi",
 * "Headmaster Ok retired", "Deputy Director Mun Chol-ho". The evidence is the pair: a capitalised role
 * word (rank, post, church or school role, address term; data/generic-english.json) and a word of the
 * surname tables right after it. The title stays outside the span (ANNOTATION.md); a Korean given name
 * after the surname (Chol-ho, Myongchol) joins it.
 */
import { koreanGivenShape } from './latin-names';
import type { LatinToken, Sink } from './scan';
import { AMBIGUOUS_SURNAMES, isCommonWord, isSurnameWord, nameCased, NEVER_SURNAMES, ROLE_TITLES, spaceBetween } from './generic-english-words';

export function detectTitledNames(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const title = tokens[i]!;
    if (!title.capitalised || !ROLE_TITLES.has(title.word)) continue;
    const surname = tokens[i + 1]!;
    // "Deputy Ryang", "Dr. Ryang", "Lt. Ryang".
    const gapOk = spaceBetween(text, title, surname) || (surname.start === title.end + 2 && text.charCodeAt(title.end) === 46 && text.charCodeAt(title.end + 1) === 32);
    if (!gapOk || !isSurnameWord(surname.word) || NEVER_SURNAMES.has(surname.word)) continue;
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
