/**
 * PERSON by the way a text introduces or addresses someone, whatever the name looks like: names no
 * surname list or syllable list knows (foreign names in Hangul, one-syllable names, nicknames that are
 * ordinary nouns). The evidence is the frame around the name, not the name:
 * - "X(이)라는 [캄보디아] 운전사", "Khamla라는 남자": a word introduced as what a person is called;
 * - "X 아저씨라고 불리던": a nickname with a kinship word, called so;
 * - "'X' 아저씨", "“X” 반장": a quoted word before a kinship word or title;
 * - letters: "X아," / "X야," opening a line, "X 올림/드림" signing it; "Dear X," and "Your sister, X".
 * A name found here is searched for again everywhere (detect.ts, propagateNames).
 *
 * Prefilter: each frame runs only when its cue (라는, 라고, a quote mark, 올림/드림, Dear/Your/Love) occurs.
 */
import { endsInNieunOrRieul, hasFinalConsonant } from './hangul';
import { COMPOUND_SURNAMES, EN_COMMON, GIVEN_SYLLABLES, KINSHIP_BEFORE, KO_STOPWORDS, SURNAMES, TITLES } from './lexicon';
import { isParticleTail } from './particles';
import type { Sink } from './scan';
import data from './data/generic-persons.json';

const PERSON_NOUNS = [...data.personNouns].sort((a, b) => b.length - a.length).join('|');
const DESCRIPTORS = [...data.descriptorWords].sort((a, b) => b.length - a.length).join('|');
// Role and person nouns are what a name is introduced as, never the name: 경관이라는 사람.
const NOT_NAMES: ReadonlySet<string> = new Set([...data.notNames, ...data.personNouns, ...data.rolesAfterOneSyllable]);
const KIN = [...data.kinshipAfterNickname].sort((a, b) => b.length - a.length).join('|');

/** X(이)라는 [descriptor ]{0,2}person-noun, then a particle or the end of the word. */
const CALLED_NOUN = new RegExp(
  `(?<![\\uac00-\\ud7a3A-Za-z])([\\uac00-\\ud7a3]{1,4}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:이라는|라는|이라고 하는|라고 하는|이라던|라던) (?:(?:${DESCRIPTORS}) ){0,2}(?:${PERSON_NOUNS})(?![\\uac00-\\ud7a3]{3})`,
  'g',
);
/** X 아저씨라고 불리던 / X 언니라고 부르던. */
const KIN_CALLED = new RegExp(`(?<![\\uac00-\\ud7a3])([\\uac00-\\ud7a3]{1,4}) (?:${KIN})(?:이)?라고 (?:불리|부르|불렀|부른|했|하던|하는)`, 'g');
/** 'X' 아저씨, “X” 반장: a quoted word right before a kinship word or a title. */
const QUOTED_BEFORE_KIN = new RegExp(`["'“‘]([\\uac00-\\ud7a3]{1,4})["'”’] ?(?:${KIN}|사장|반장|소장|과장|지배인|대장|선생님)`, 'g');
/** A letter's opening (X아, / X야, at the start of a line or after a bracketed heading) and signature (X 올림). */
const KO_VOCATIVE = /(?:^|\n|\] ?)([\uac00-\ud7a3]{2,3}?)(?:아|야|씨|님),/g;
const KO_SIGNATURE = /(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,4}) (?:올림|드림|씀|보냄)(?![\uac00-\ud7a3])/g;
/**
 * One syllable that is not a usual surname, alone as a word, before a rank, title or role: a Chinese
 * surname or a nickname that is also an ordinary word (쥐 경관, 통 반장). Usual surnames are the surname
 * rule's; determiners, numerals and adnominal verb forms (그, 한, 간, 할: most end in ㄴ/ㄹ) are not names.
 */
const ONE_SYLLABLE_BEFORE_ROLE = new RegExp(`(?<![\\uac00-\\ud7a3])([\\uac00-\\ud7a3]) (${[...data.rolesAfterOneSyllable].sort((a, b) => b.length - a.length).join('|')})([\\uac00-\\ud7a3]*)`, 'g');
const NOT_ONE_SYLLABLE_NAMES: ReadonlySet<string> = new Set(data.notOneSyllableNames);
/** 독고민철입니다, 선우혜진이에요: a compound surname and one or two given-name syllables, then a particle or copula. */
const COMPOUND_NAME = new RegExp(`(?<![\\uac00-\\ud7a3])(${COMPOUND_SURNAMES.join('|')})([\\uac00-\\ud7a3]{2})(?=(?:입니|이에|예요|이고|이었|였|이라|라고|은|는|이|가|을|를|의|씨|님|와|과|도|한테|에게)|[\\s,.)]|$)`, 'g');
const EN_DEAR = /\bDear ((?:[A-Z][a-z]+(?:-[a-z]+)?)(?: [A-Z][a-z]+(?:-[a-z]+)?)?),/g;
const EN_SIGNATURE = new RegExp(`(?:${data.englishSignatures.join('|')}),\\s*\\n?\\s*([A-Z][a-z]+(?:-[a-z]+)?(?: [A-Z][a-z]+(?:-[a-z]+)?)?)\\b`, 'g');


function isOrdinary(word: string): boolean {
  return NOT_NAMES.has(word) || KO_STOPWORDS.has(word) || TITLES.has(word) || KINSHIP_BEFORE.has(word);
}

export function detectGenericPersons(text: string, sink: Sink, hasHangul: boolean): void {
  let m: RegExpExecArray | null;
  if (hasHangul) {
    if (text.includes('라는') || text.includes('라고 하는') || text.includes('라던')) {
      CALLED_NOUN.lastIndex = 0;
      while ((m = CALLED_NOUN.exec(text)) !== null) {
        let name = m[1]!;
        // The greedy word takes the 이 of 이라는 (쏙이라는): give it back when the name ends in a consonant.
        if (name.length > 1 && name.endsWith('이') && hasFinalConsonant(name[name.length - 2]) && text.startsWith('라', m.index + name.length)) name = name.slice(0, -1);
        if (/^[A-Z]/.test(name) ? EN_COMMON.has(name.toLowerCase()) : isOrdinary(name)) continue;
        sink.add(m.index, m.index + name.length, 'PERSON', 0.85, 'name introduced before "라는" and a person');
      }
    }
    if (text.includes('라고')) {
      KIN_CALLED.lastIndex = 0;
      while ((m = KIN_CALLED.exec(text)) !== null) {
        if (isOrdinary(m[1]!)) continue;
        sink.add(m.index, m.index + m[1]!.length, 'PERSON', 0.8, 'nickname with a kinship word, "라고 불리던"');
      }
    }
    if (/["'“‘]/.test(text)) {
      QUOTED_BEFORE_KIN.lastIndex = 0;
      while ((m = QUOTED_BEFORE_KIN.exec(text)) !== null) {
        if (isOrdinary(m[1]!)) continue;
        const start = m.index + 1;
        sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'quoted nickname before a kinship word or title');
      }
    }
    if (text.includes(',')) {
      KO_VOCATIVE.lastIndex = 0;
      while ((m = KO_VOCATIVE.exec(text)) !== null) {
        if (isOrdinary(m[1]!)) continue;
        const start = m.index + m[0].indexOf(m[1]!);
        sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'name addressed at the opening of a letter');
      }
    }
    if (/올림|드림|씀|보냄/.test(text)) {
      KO_SIGNATURE.lastIndex = 0;
      while ((m = KO_SIGNATURE.exec(text)) !== null) {
        if (isOrdinary(m[1]!) || /[을를에서]$/.test(m[1]!)) continue;
        sink.add(m.index, m.index + m[1]!.length, 'PERSON', 0.8, 'name signing a letter');
      }
    }
  }
  if (hasHangul && text.includes(' ')) {
    ONE_SYLLABLE_BEFORE_ROLE.lastIndex = 0;
    while ((m = ONE_SYLLABLE_BEFORE_ROLE.exec(text)) !== null) {
      const name = m[1]!;
      if (SURNAMES.has(name) || NOT_ONE_SYLLABLE_NAMES.has(name) || endsInNieunOrRieul(name)) continue;
      if (!isParticleTail(m[3]!)) continue;
      sink.add(m.index, m.index + 1, 'PERSON', 0.75, `one syllable before "${m[2]}"`);
    }
  }
  if (hasHangul) {
    COMPOUND_NAME.lastIndex = 0;
    while ((m = COMPOUND_NAME.exec(text)) !== null) {
      // Two given syllables (남궁전이 is a palace and a particle, not a name); the second must not be a particle itself.
      if (!GIVEN_SYLLABLES.all(m[2]!) || /[이가은는을를의도]/.test(m[2]![1]!)) continue;
      const name = m[1]! + m[2]!;
      if (isOrdinary(name)) continue;
      sink.add(m.index, m.index + name.length, 'PERSON', 0.8, 'compound surname + given name');
    }
  }
  if (text.includes('Dear ')) {
    EN_DEAR.lastIndex = 0;
    while ((m = EN_DEAR.exec(text)) !== null) {
      if (EN_COMMON.has(m[1]!.toLowerCase()) || /^(?:Sir|Madam|Friend|Friends|Brother|Sister|Mother|Father|Mom|Mum|Dad|All|Everyone)$/.test(m[1]!)) continue;
      const start = m.index + 5;
      sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'name addressed by "Dear"');
    }
  }
  // The words first, by plain search: the expression alone tries its alternation at every word.
  if ((text.includes('Your') || text.includes('Love') || text.includes('Sincerely') || text.includes('With love')) && /\b(?:Your|Love|Yours|Sincerely|With love),/.test(text)) {
    EN_SIGNATURE.lastIndex = 0;
    while ((m = EN_SIGNATURE.exec(text)) !== null) {
      if (EN_COMMON.has(m[1]!.toLowerCase())) continue;
      const start = m.index + m[0].lastIndexOf(m[1]!);
      sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'name signing a letter');
    }
  }
}
