/**
 * Recognisers for phrasings that fresh testimony uses and the main rules did not cover (issue 4, the
 * dev6 round): transcript answers ("A: Nineteen."), approximate and elliptical ages ("seventy-something",
 * "my daughter three"), day-of-month dates ("the 14th of February, 1991"), Korean dotted and lunar dates,
 * numbers after "case number … was". Each rule runs only where its cue occurs in the text (a plain
 * indexOf first), so text without the cue costs one native search per rule.
 */
import type { Sink } from './scan';

const EN_NUMBER_WORD =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
/** What follows a number that makes it a count, not an age. */
const NOT_AN_AGE_AFTER = '(?!\\s*(?:years?|months?|days?|weeks?|hours?|minutes?|people|persons|men|women|children|kids|families|of\\b|times|percent|%|km|kilo|yuan|won|dollars?|o\'clock|hundred|thousand|million))';

/** "seventy-something", "forty-odd", "thirty or so", "sixtyish": an approximate age (never followed by a count noun). */
const EN_APPROXIMATE_AGE = new RegExp(`\\b(?:${EN_NUMBER_WORD}|[1-9]\\d)(?:-something|-odd|ish|\\s+or\\s+so)\\b${NOT_AN_AGE_AFTER}`, 'gi');
/** ", about forty." after a person: the comma-bounded guess at an age that ends its clause. */
const EN_ABOUT_AGE_CLAUSE = new RegExp(`,\\s(?:about|around|maybe|perhaps|probably|roughly|nearly|almost|over|under)\\s(${EN_NUMBER_WORD}|[1-9]\\d)(?=\\s*(?:[.;)!?]|,\\s|\\s[-—–]|$))`, 'gi');
/** The last word before the comma names a person: a capitalised name or a person noun. */
const PERSON_BEFORE = /(?:\b[A-Z][a-z'’]+(?:-[a-z]+)?|\b(?:man|woman|boy|girl|guard|officer|soldier|broker|driver|interrogator|teacher|neighbou?r|widow|widower|husband|wife|son|daughter|brother|sister|mother|father|uncle|aunt|cousin|friend|grandmother|grandfather))$/;
/** "looked about sixty", "seemed maybe forty": an age guessed from a person's looks. */
const EN_LOOKED_AGE = new RegExp(`\\b(?:looked|looks|seemed|seems)\\s(?:to be\\s)?(?:about|around|maybe|perhaps|roughly|nearly|almost|over|under|only)?\\s?(${EN_NUMBER_WORD}|[1-9]\\d)\\b${NOT_AN_AGE_AFTER}`, 'gi');
/** "I was twenty-four, my daughter three.": a kin word and a bare number ending the clause (the verb left out). */
const EN_KIN_ELLIPTIC_AGE = new RegExp(`\\b(?:my|his|her|our|their)\\s(?:(?:little|younger|older|elder|baby|eldest|youngest)\\s)?(?:son|daughter|brother|sister|boy|girl|baby|child|husband|wife|cousin|nephew|niece)\\s(${EN_NUMBER_WORD}|[1-9]\\d?)(?=\\s*[.;)]|,\\s)`, 'gi');
/** "when i have 17 years," (English of a Korean speaker): have + N years ending the clause. */
const EN_HAVE_YEARS_AGE = /\b(?:i|I|he|she|He|She|we|We|they|They)\s(?:have|had|has|was)\s([1-9]\d?\s?years?)(?=\s*[,.;)])/g;
/** A transcript answer that is only an age, right after a question about age. */
const ANSWER_AGE = new RegExp(`^\\s*(?:A|Answer|W|Witness|Interviewee|Respondent)\\s?[:：.]\\s*(?:(?:about|around|maybe|only|just|I was|I'm|I am|He was|She was)\\s)?(${EN_NUMBER_WORD}|[1-9]\\d?)(?:\\s?years?(?:\\s?old)?)?(?=\\s*[.,!?;]|\\s*$)`, 'gim');
const AGE_QUESTION = /how old|what age|your age|his age|her age|몇\s?살|나이|연세/i;

/** "the 14th of February, 1991", "14 of March 2003": a day of a month (with the year when given). */
const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
const EN_DAY_OF_MONTH = new RegExp(`\\b(?:the\\s)?(?:3[01]|[12]\\d|0?[1-9])(?:st|nd|rd|th)?\\s(?:day\\s)?of\\s(?:${MONTH_NAMES})(?:,?\\s(?:19|20)\\d{2}\\b)?`, 'gi');
/** Korean spaced dotted date with its closing dot before more text: "1979. 6. 2. 출생". */
const KO_SPACED_DOTTED_DATE = /(?<![\d.])(?:19|20)\d{2}\.\s(?:1[0-2]|0?[1-9])\.\s(?:3[01]|[12]\d|0?[1-9])\.(?=\s?[\uac00-\ud7a3(,])/g;
/** Year and month with a dot, before a particle or copula: "2014.10이었어요", "2009.3에". */
const KO_YEAR_DOT_MONTH = /(?<![\d.])(?:19|20)\d{2}\.(?:1[0-2]|0?[1-9])(?![\d.])(?=\s?(?:이었|였|에|부터|까지|경|쯤|무렵|이고|이에요|입니다|월|\)))/g;
/** A lunar or solar calendar date, with the year before it when given: "1982년 음력 3월 초닷새", "음력 정월 보름". */
const KO_LUNAR_DATE = /(?:(?:19|20)\d{2}\s?년\s?)?(?:음력|양력)\s?(?:(?:1[0-2]|0?[1-9])\s?월|정월|동짓달|섣달)(?:\s?(?:초(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘)|열(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레)|스무(?:날|하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레)|보름|그믐|(?:3[01]|[12]\d|0?[1-9])\s?일))?/g;

/** "case number at the NIS was 2016-HW-3312": a record number a few words after its label. */
const NUMBER_LABEL_THEN_VALUE = /\b(?:case|file|registration|reference|record|prisoner|inmate|passport|ID|card)\s(?:number|no\.?)\b[^.\n:]{1,30}?\b(?:was|is|were|reads?)\s+#?([A-Z0-9][A-Z0-9/-]{2,24}[A-Z0-9])\b/gi;

export function detectCuedAges(text: string, sink: Sink): void {
  let m: RegExpExecArray | null;
  if (text.includes('-something') || text.includes('-odd') || text.includes(' or so') || text.includes('ish')) {
    EN_APPROXIMATE_AGE.lastIndex = 0;
    while ((m = EN_APPROXIMATE_AGE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.75, 'approximate age');
  }
  if (text.includes(', about ') || text.includes(', around ') || text.includes(', maybe ') || text.includes(', perhaps ') || text.includes(', probably ') || text.includes(', roughly ') || text.includes(', nearly ') || text.includes(', almost ') || text.includes(', over ') || text.includes(', under ')) {
    EN_ABOUT_AGE_CLAUSE.lastIndex = 0;
    while ((m = EN_ABOUT_AGE_CLAUSE.exec(text)) !== null) {
      if (!PERSON_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'guessed age after a person');
    }
  }
  if (text.includes('look') || text.includes('seem')) {
    EN_LOOKED_AGE.lastIndex = 0;
    while ((m = EN_LOOKED_AGE.exec(text)) !== null) {
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.75, 'age guessed from looks');
    }
  }
  EN_KIN_ELLIPTIC_AGE.lastIndex = 0;
  if (text.includes('my ') || text.includes('his ') || text.includes('her ') || text.includes('our ') || text.includes('their ')) {
    while ((m = EN_KIN_ELLIPTIC_AGE.exec(text)) !== null) {
      if (/^one$/i.test(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'age after a kin word, verb left out');
    }
  }
  if (text.includes(' years')) {
    EN_HAVE_YEARS_AGE.lastIndex = 0;
    while ((m = EN_HAVE_YEARS_AGE.exec(text)) !== null) {
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'age as "have N years"');
    }
  }
  if (text.includes(':') && AGE_QUESTION.test(text)) {
    ANSWER_AGE.lastIndex = 0;
    while ((m = ANSWER_AGE.exec(text)) !== null) {
      // Only right after the question: the nearest line before the answer asks about age.
      const lineStart = text.lastIndexOf('\n', m.index + (m[0].length - m[0].trimStart().length) - 1);
      if (lineStart <= 0) continue;
      const previous = text.slice(text.lastIndexOf('\n', lineStart - 1) + 1, lineStart);
      if (!AGE_QUESTION.test(previous)) continue;
      const start = m.index + m[0].lastIndexOf(m[1]!);
      const end = m.index + m[0].trimEnd().length;
      sink.add(start, end, 'AGE', 0.8, 'answer to a question about age');
    }
  }
}

export function detectCuedDates(text: string, sink: Sink, hasHangul: boolean): void {
  let m: RegExpExecArray | null;
  if (text.includes(' of ')) {
    EN_DAY_OF_MONTH.lastIndex = 0;
    while ((m = EN_DAY_OF_MONTH.exec(text)) !== null) {
      const the = /^the\s/i.exec(m[0]);
      const start = m.index + (the ? the[0].length : 0);
      sink.add(start, m.index + m[0].length, 'DATE', 0.85, 'day of a month');
    }
  }
  if (!hasHangul) return;
  if (text.includes('. ')) {
    KO_SPACED_DOTTED_DATE.lastIndex = 0;
    while ((m = KO_SPACED_DOTTED_DATE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.9, 'dotted date');
  }
  if (text.includes('.')) {
    KO_YEAR_DOT_MONTH.lastIndex = 0;
    while ((m = KO_YEAR_DOT_MONTH.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.8, 'year and month with a dot');
  }
  if (text.includes('음력') || text.includes('양력')) {
    KO_LUNAR_DATE.lastIndex = 0;
    while ((m = KO_LUNAR_DATE.exec(text)) !== null) {
      // "음력" alone (no month after it) is only the word.
      if (!/월|달/.test(m[0])) continue;
      sink.add(m.index, m.index + m[0].length, 'DATE', 0.9, 'lunar or solar calendar date');
    }
  }
}

export function detectCuedIds(text: string, sink: Sink): void {
  if (!/ (?:number|no\.?) /i.test(text)) return;
  let m: RegExpExecArray | null;
  NUMBER_LABEL_THEN_VALUE.lastIndex = 0;
  while ((m = NUMBER_LABEL_THEN_VALUE.exec(text)) !== null) {
    const value = m[1]!;
    // A record number has a digit; "was ANOTHER" is a word.
    if (!/\d/.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    sink.add(start, start + value.length, 'ID', 0.85, 'number a few words after its label');
  }
}
