/**
 * AGE in approximate and bare forms the age rules leave out: native Korean tens before 초반/중반/후반
 * ("서른 중반") or before 밖에 안 되다 ("열여섯밖에 안 됐는데"); English numbers after a person and a
 * form of "be" with a hedge ("she was maybe fifty", "I was only twelve"), and "from 16" after a verb of
 * working or school. The evidence is the frame (a person is the subject, the words say "age"), so
 * counts ("there were about fifty", "열 명밖에") and clock times ("it was about ten") do not fire.
 *
 * Prefilter: the Korean patterns run only when a tens word (열, 스물 … 아흔) is in the text; the English
 * ones only when " was ", " is ", " am ", " turned " or "from " is.
 */
import { EN_COMMON } from './lexicon';
import type { Sink } from './scan';

const PERSON_PRONOUNS = new Set(['I', 'he', 'she', 'He', 'She', 'we', 'We', 'they', 'They', 'who']);

const KO_TENS = '(?:열|스물|서른|마흔|쉰|예순|일흔|여든|아흔)';
const KO_UNITS = '(?:하나|한|둘|두|셋|세|넷|네|다섯|여섯|일곱|여덟|아홉)';
const KO_CUE = /열|스물|서른|마흔|쉰|예순|일흔|여든|아흔/;
/** 서른 중반, 마흔초반: the whole phrase is the age. */
const KO_DECADE_PART = new RegExp(`(?<![\\uac00-\\ud7a3])${KO_TENS}${KO_UNITS}? ?(?:초반|중반|후반)`, 'g');
/** 열여섯밖에 안 됐는데: the number alone is the age. */
const KO_ONLY = new RegExp(`(?<![\\uac00-\\ud7a3])(${KO_TENS}${KO_UNITS}?)(?:밖에|도) 안 (?:되|됐|된|돼)`, 'g');

const EN_NUMBER =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|ten|nine|eight|seven|six|five|[1-9]\\d)';
const EN_HEDGE = '(?:maybe|about|around|only|just|nearly|almost|barely|probably|perhaps|roughly|already|still|not yet|not even|over|under)';
/**
 * A person, a form of "be" (or "turned"), an optional hedge, the number, then the clause ends or "years"
 * follows. Searched from its verb (BE_AGE_TAIL), then the subject is read back from there (subjectBefore):
 * a scan for the subject's alternation tried it at every word of every English text.
 */
const BE_AGE_TAIL = new RegExp(
  ` (?:was|is|am|were|turned|had just turned) (?:${EN_HEDGE} )?(${EN_NUMBER})(?=[.,;!?]| (?:then|now|at the time|or so|when|years|and a half|or (?:so|more))\\b)`,
  'g',
);
const BE_AGE_SUBJECT = /^(?:I|he|she|He|She|we|We|they|They|who|[A-Z][a-z]+(?:-[a-z]+)?)$/;

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * The subject ending at `end` (a space), as the pattern starting at a word boundary would take it: the
 * leftmost start at or after `from`, at the start of the letters and hyphens before `end` or after one of
 * its hyphens; undefined when none reads as a subject.
 */
function subjectBefore(text: string, end: number, from: number): string | undefined {
  let wordStart = end;
  while (wordStart > from && (isAsciiLetter(text.charCodeAt(wordStart - 1)) || text.charCodeAt(wordStart - 1) === 45)) wordStart--;
  for (let p = wordStart; p < end; p++) {
    const before = p > 0 ? text.charCodeAt(p - 1) : 32;
    // \b: a word character after a non-word one (letters, digits and _ are word characters).
    if (!isAsciiLetter(text.charCodeAt(p))) continue;
    if (isAsciiLetter(before) || (before >= 48 && before <= 57) || before === 95) continue;
    const subject = text.slice(p, end);
    if (BE_AGE_SUBJECT.test(subject)) return subject;
  }
  return undefined;
}
/** "worked in the fields from 14", "went to school from 7". */
const EN_FROM_AGE = /\b(?:work(?:ed|ing)?|labou?r(?:ed|ing)?|studi(?:ed|ing)|school|served|serving|sold|selling|smuggl(?:ed|ing))\b[^.;\n]{0,40}?\bfrom (?:the age of |age )?(\d{1,2})(?=[.,;]| (?:on|onwards|until|till)\b)/g;
const EN_CUE = / (?:was|is|am|were|turned) |from /;

export function detectGenericAges(text: string, sink: Sink, hasHangul: boolean): void {
  let m: RegExpExecArray | null;
  if (hasHangul && KO_CUE.test(text)) {
    KO_DECADE_PART.lastIndex = 0;
    while ((m = KO_DECADE_PART.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.85, 'native Korean age with 초반/중반/후반');
    KO_ONLY.lastIndex = 0;
    while ((m = KO_ONLY.exec(text)) !== null) sink.add(m.index, m.index + m[1]!.length, 'AGE', 0.8, 'native Korean age before "밖에 안 되다"');
  }
  if (EN_CUE.test(text)) {
    BE_AGE_TAIL.lastIndex = 0;
    let after = 0;
    while ((m = BE_AGE_TAIL.exec(text)) !== null) {
      const subject = subjectBefore(text, m.index, after);
      if (subject === undefined) {
        BE_AGE_TAIL.lastIndex = m.index + 1;
        continue;
      }
      after = BE_AGE_TAIL.lastIndex;
      // Clock times, prices and counts have no person for a subject: "It was ten", "There were fifty".
      if (!PERSON_PRONOUNS.has(subject) && EN_COMMON.has(subject.toLowerCase())) continue;
      const start = m.index + m[0].lastIndexOf(m[1]!);
      sink.add(start, start + m[1]!.length, 'AGE', 0.8, 'number after a person and "was"');
    }
    EN_FROM_AGE.lastIndex = 0;
    while ((m = EN_FROM_AGE.exec(text)) !== null) {
      const value = Number(m[1]);
      if (value < 5 || value > 30) continue;
      const start = m.index + m[0].lastIndexOf(m[1]!);
      sink.add(start, start + m[1]!.length, 'AGE', 0.75, 'age after a verb of work and "from"');
    }
  }
}
