/**
 * Recognisers for phrasings that fresh testimony uses and the main rules did not cover (issue 4, the
 * dev6 round): transcript answers ("A: Nineteen."), approximate and elliptical ages ("seventy-something",
 * "my daughter three"), day-of-month dates ("the 14th of February, 1991"), Korean dotted and lunar dates,
 * numbers after "case number … was", names in forms (본인: …), spelled out syllable by syllable (변 자 학 자 수 자),
 * split by a line break, and nicknames put first ("콩알"이라는 건 제 별명, "Sunny" was what they called me).
 * Facilities and places: numbered schools inside one word (청진제1고등중학교), lower-case heads after a
 * place (Musan border guard post, Chaeha market), hotels and agencies, a facility's own detention centre
 * after it, and Chinese towns that are also words (통화 "phone call") where a verb of staying or going decides.
 * Each rule runs only where its cue occurs in the text (a plain
 * indexOf first), so text without the cue costs one native search per rule.
 */
import { COMPOUND_SURNAME_SET, EN_COMMON, FOREIGN_NAME_SYLLABLES, GIVEN_STRICT, GIVEN_SYLLABLES, KINSHIP_BEFORE, KO_STOPWORDS, SURNAMES, TITLES } from './lexicon';
import { isHangulCode } from './hangul';
import { isKnownPlaceWord, isLatinPlace } from './places';
import { latinTokens, type Sink } from './scan';
import type { SpanType } from './types';

/** Adds the last group of every match of `re` (the value at the end of its cue) as a span. */
function addEachValue(re: RegExp, text: string, sink: Sink, type: SpanType, score: number, reason: string): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const value = m[m.length - 1]!;
    const start = m.index + m[0].length - value.length;
    sink.add(start, start + value.length, type, score, reason);
  }
}

function digitOrDotBefore(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  return (c >= 48 && c <= 57) || c === 46;
}

const EN_NUMBER_WORD =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
/**
 * Which cues of the rules below occur in a text: one pass over its characters and one over its Latin
 * words (already tokenised for the other recognisers), so that a rule whose cue is absent costs nothing,
 * and no text is searched once per cue word.
 */
export interface Cues {
  colon: boolean;
  quote: boolean;
  apostrophe: boolean;
  bracket: boolean;
  newline: boolean;
  dot: boolean;
  zero: boolean;
  /** Hangul syllables that start a cue: 만, 제, 자 after a space, 음/양 (음력), 통/위/안/교/반 (towns that are words), 가. */
  man: boolean;
  je: boolean;
  spacedJa: boolean;
  calendar: boolean;
  town: boolean;
  ga: boolean;
  /** English cue words, by rule. */
  approximate: boolean;
  aboutClause: boolean;
  looked: boolean;
  kinNumber: boolean;
  haveYears: boolean;
  ageQuestion: boolean;
  dayOfMonth: boolean;
  numberLabel: boolean;
  lowerHead: boolean;
  namedLodging: boolean;
  abbreviatedAge: boolean;
  contracted: boolean;
  possessiveNumber: boolean;
  lowerTitle: boolean;
  inCountry: boolean;
  personNear: boolean;
  calledMe: boolean;
  nameQuestion: boolean;
  latinLetter: boolean;
}

const KIN_NOUNS = new Set(['son', 'daughter', 'brother', 'sister', 'boy', 'girl', 'baby', 'child', 'husband', 'wife', 'cousin', 'nephew', 'niece']);
const PERSON_NOUNS = new Set(['woman', 'man', 'boy', 'girl', 'lady', 'guy', 'fellow', 'person', 'widow', 'widower', 'soldier', 'guard', 'officer', 'broker']);
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);
const ABOUT_WORDS = new Set(['about', 'around', 'maybe', 'perhaps', 'probably', 'roughly', 'nearly', 'almost', 'over', 'under']);
const MONTH_KEYS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const LABEL_WORDS = new Set(['case', 'file', 'registration', 'reference', 'record', 'prisoner', 'inmate', 'passport', 'id', 'card']);
const LOWER_HEADS = new Set(['post', 'outpost', 'checkpoint', 'station', 'market', 'hotel', 'guesthouse', 'guest', 'restaurant', 'inn', 'district', 'county', 'province', 'village', 'township']);
const LODGING_HEADS = new Set(['Hotel', 'Guesthouse', 'Guest', 'Restaurant', 'Inn', 'Agency', 'Post', 'Checkpoint', 'Station']);
const COUNTRY_KEYS = new Set(['russia', 'china', 'laos', 'thailand', 'vietnam', 'cambodia', 'mongolia', 'burma', 'myanmar', 'korea']);
const CALL_WORDS = new Set(['called', 'call', 'calls', 'named', 'nicknamed']);

// Roles of the Latin words that are cues (a word may have several).
const R_NUMBER = 1, R_ABOUT = 2, R_APPROX = 4, R_LOOKED = 8, R_KIN = 16, R_YEARS = 32, R_QUESTION = 64, R_NAME = 128, R_MONTH = 256,
  R_LABEL = 512, R_LOWER_HEAD = 1024, R_LODGING = 2048, R_ABBREVIATED = 4096, R_CONTRACTED = 8192, R_POSSESSIVE = 16384,
  R_NUMBER_WORD = 32768, R_TITLE = 65536, R_COUNTRY = 131072, R_PERSON = 262144, R_CALL = 524288;
const TOKEN_ROLES = new Map<string, number>();
function addRole(words: Iterable<string>, role: number): void {
  for (const w of words) TOKEN_ROLES.set(w, (TOKEN_ROLES.get(w) ?? 0) | role);
}
addRole(NUMBER_WORDS, R_NUMBER);
addRole(ABOUT_WORDS, R_ABOUT);
addRole(['something', 'odd', 'so'], R_APPROX);
addRole(['looked', 'looks', 'seemed', 'seems'], R_LOOKED);
addRole(KIN_NOUNS, R_KIN);
addRole(['years', 'year'], R_YEARS);
addRole(['old', 'age'], R_QUESTION);
addRole(['name', 'names'], R_NAME);
addRole(MONTH_KEYS, R_MONTH);
addRole(LABEL_WORDS, R_LABEL);
addRole(LOWER_HEADS, R_LOWER_HEAD);
addRole([...LODGING_HEADS].map((w) => w.toLowerCase()), R_LODGING);
addRole(['y', 'yrs', 'yr', 'age'], R_ABBREVIATED);
addRole(['she', 'he', 'im', 'you'], R_CONTRACTED);
addRole(['mine', 'hers', 'theirs', 'ours', 'his'], R_POSSESSIVE);
addRole(['number', 'numbers'], R_NUMBER_WORD);
addRole(['mr', 'mrs', 'ms', 'miss', 'mister', 'madam'], R_TITLE);
addRole(COUNTRY_KEYS, R_COUNTRY);
addRole(PERSON_NOUNS, R_PERSON);
addRole(CALL_WORDS, R_CALL);

export function cuesOf(text: string): Cues {
  const c: Cues = {
    colon: false, quote: false, apostrophe: false, bracket: false, newline: false, dot: false, zero: false,
    man: false, je: false, spacedJa: false, calendar: false, town: false, ga: false,
    approximate: false, aboutClause: false, looked: false, kinNumber: false, haveYears: false, ageQuestion: false, dayOfMonth: false,
    numberLabel: false, lowerHead: false, namedLodging: false, abbreviatedAge: false, contracted: false, possessiveNumber: false,
    lowerTitle: false, inCountry: false, personNear: false, calledMe: false, nameQuestion: false, latinLetter: false,
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      if (code > 58) continue;
      if (code === 58) c.colon = true;
      else if (code === 34) c.quote = true;
      else if (code === 39) c.apostrophe = true;
      else if (code === 40) c.bracket = true;
      else if (code === 10) c.newline = true;
      else if (code === 46) c.dot = true;
      else if (code === 48) c.zero = true;
    } else if (isHangulCode(code)) {
      if (code === 0xb9cc) c.man = true; // 만
      else if (code === 0xc81c) c.je = true; // 제
      else if (code === 0xac00) c.ga = true; // 가
      else if (code === 0xc790) { if (text.charCodeAt(i - 1) === 32) c.spacedJa = true; } // 자
      else if (code === 0xc74c || code === 0xc591) c.calendar = true; // 음, 양
      else if (code === 0xd1b5 || code === 0xc704 || code === 0xc548 || code === 0xad50 || code === 0xbc18) c.town = true; // 통 위 안 교 반
      else if (code === 0xb984) { if (text.charCodeAt(i - 1) === 0xc774) c.nameQuestion = true; } // 이름
      else if (code === 0xd568) { if (text.charCodeAt(i - 1) === 0xc131) c.nameQuestion = true; } // 성함
      else if (code === 0xc774) { if (text.charCodeAt(i - 1) === 0xb098) c.ageQuestion = true; } // 나이
      else if (code === 0xc138) { if (text.charCodeAt(i - 1) === 0xc5f0) c.ageQuestion = true; } // 연세
      else if (code === 0xc0b4) { if (text.charCodeAt(i - 1) === 0xba87 || text.charCodeAt(i - 2) === 0xba87) c.ageQuestion = true; } // 몇 살
    } else if (code === 0x201c || code === 0x201d || code === 0x2018) c.quote = true;
    else if (code === 0x2019) c.apostrophe = true;
    else if (code === 0xff08) c.bracket = true;
    else if (code === 0xff1a) c.colon = true;
  }
  const tokens = latinTokens(text);
  c.latinLetter = tokens.length > 0;
  let numberWord = false;
  let about = false;
  let numberSeen = false;
  let possessive = false;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const key = token.key;
    // Looked up once per distinct word, not once per occurrence.
    let roles = token.info.cueRoles;
    if (roles < 0) roles = token.info.cueRoles = TOKEN_ROLES.get(key) ?? 0;
    if (roles === 0) continue;
    const prev = t > 0 ? tokens[t - 1]!.key : '';
    const next = t + 1 < tokens.length ? tokens[t + 1]!.key : '';
    if (roles & R_NUMBER) numberWord = true;
    if (roles & R_ABOUT) about = true;
    if (roles & R_APPROX && (key !== 'so' || prev === 'or')) c.approximate = true;
    if (roles & R_LOOKED) c.looked = true;
    if (roles & R_KIN && ((TOKEN_ROLES.get(next) ?? 0) & R_NUMBER || (text.charCodeAt(token.end) === 32 && text.charCodeAt(token.end + 1) >= 49 && text.charCodeAt(token.end + 1) <= 57))) c.kinNumber = true;
    if (roles & R_YEARS && /(?:have|had|has|was)\s[1-9]\d?\s?$/i.test(text.slice(Math.max(0, token.start - 12), token.start))) c.haveYears = true;
    if (roles & R_QUESTION && ((key === 'old' && prev === 'how') || (key === 'age' && (prev === 'what' || prev === 'your' || prev === 'his' || prev === 'her')))) c.ageQuestion = true;
    if (roles & R_NAME) c.nameQuestion = true;
    if (roles & R_MONTH && prev === 'of') c.dayOfMonth = true;
    if (roles & R_LABEL && (next === 'number' || next === 'no')) c.numberLabel = true;
    if (roles & R_LOWER_HEAD && !token.capitalised && ((t > 0 && tokens[t - 1]!.capitalised) || (t > 1 && tokens[t - 2]!.capitalised) || (t > 2 && tokens[t - 3]!.capitalised))) c.lowerHead = true;
    if (roles & R_LODGING && token.capitalised) c.namedLodging = true;
    if (roles & R_ABBREVIATED && ((key === 'y' && (text[token.end] === '/' || text[token.end] === '.')) || key === 'yrs' || key === 'yr' || (key === 'age' && prev === 'of'))) c.abbreviatedAge = true;
    if (roles & R_CONTRACTED && (((key === 'she' || key === 'he') && (text[token.end] === "'" || text[token.end] === '’')) || key === 'im' || (key === 'you' && (next === 'were' || next === 'are')))) c.contracted = true;
    if (roles & R_POSSESSIVE && (key !== 'his' || next === 'was')) possessive = true;
    if (roles & R_NUMBER_WORD) numberSeen = true;
    if (roles & R_TITLE && !token.capitalised) c.lowerTitle = true;
    if (roles & R_COUNTRY && (prev === 'in' || prev === 'north' || prev === 'south' || text[token.start - 2] === ',')) c.inCountry = true;
    if (roles & R_PERSON && (next === 'near' || next === 'nearing' || next === 'past' || next === 'close' || next === 'well')) c.personNear = true;
    if (roles & R_CALL && (next === 'me' || next === 'us' || next === 'him' || next === 'her' || next === 'them')) c.calledMe = true;
  }
  c.possessiveNumber = possessive && numberSeen;
  c.aboutClause = about && (numberWord || /,\s(?:about|around|maybe|perhaps|probably|roughly|nearly|almost|over|under)\s[1-9]/.test(text));
  return c;
}

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
const KO_SPACED_DOTTED_DATE = /(?:19|20)\d{2}\.\s(?:1[0-2]|0?[1-9])\.\s(?:3[01]|[12]\d|0?[1-9])\.(?=\s?[\uac00-\ud7a3(,])/g;
/** Year and month with a dot, before a particle or copula: "2014.10이었어요", "2009.3에". */
const KO_YEAR_DOT_MONTH = /(?:19|20)\d{2}\.(?:1[0-2]|0?[1-9])(?![\d.])(?=\s?(?:이었|였|에|부터|까지|경|쯤|무렵|이고|이에요|입니다|월|\)))/g;
/** A lunar or solar calendar date, with the year before it when given: "1982년 음력 3월 초닷새", "음력 정월 보름". */
const KO_LUNAR_DATE = /(?:(?:19|20)\d{2}\s?년\s?)?(?:음력|양력)\s?(?:(?:1[0-2]|0?[1-9])\s?월|정월|동짓달|섣달)(?:\s?(?:초(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레|열흘)|열(?:하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레)|스무(?:날|하루|이틀|사흘|나흘|닷새|엿새|이레|여드레|아흐레)|보름|그믐|(?:3[01]|[12]\d|0?[1-9])\s?일))?/g;

/** "case number at the NIS was 2016-HW-3312": a record number a few words after its label. */
const NUMBER_LABEL_THEN_VALUE = /\b(?:case|file|registration|reference|record|prisoner|inmate|passport|ID|card)\s(?:number|no\.?)\b[^.\n:]{1,30}?\b(?:was|is|were|reads?)\s+#?([A-Z0-9][A-Z0-9/-]{2,24}[A-Z0-9])\b/gi;

export function detectCuedAges(text: string, sink: Sink, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (cues.approximate) {
    EN_APPROXIMATE_AGE.lastIndex = 0;
    while ((m = EN_APPROXIMATE_AGE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.75, 'approximate age');
  }
  if (cues.aboutClause) {
    EN_ABOUT_AGE_CLAUSE.lastIndex = 0;
    while ((m = EN_ABOUT_AGE_CLAUSE.exec(text)) !== null) {
      if (!PERSON_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'guessed age after a person');
    }
  }
  if (cues.looked) {
    addEachValue(EN_LOOKED_AGE, text, sink, 'AGE', 0.75, 'age guessed from looks');
  }
  EN_KIN_ELLIPTIC_AGE.lastIndex = 0;
  if (cues.kinNumber) {
    while ((m = EN_KIN_ELLIPTIC_AGE.exec(text)) !== null) {
      if (/^one$/i.test(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'age after a kin word, verb left out');
    }
  }
  if (cues.haveYears) {
    addEachValue(EN_HAVE_YEARS_AGE, text, sink, 'AGE', 0.7, 'age as "have N years"');
  }
  if (cues.colon && cues.ageQuestion) {
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

export function detectCuedDates(text: string, sink: Sink, hasHangul: boolean, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (cues.dayOfMonth) {
    EN_DAY_OF_MONTH.lastIndex = 0;
    while ((m = EN_DAY_OF_MONTH.exec(text)) !== null) {
      const the = /^the\s/i.exec(m[0]);
      const start = m.index + (the ? the[0].length : 0);
      sink.add(start, m.index + m[0].length, 'DATE', 0.85, 'day of a month');
    }
  }
  if (!hasHangul) return;
  if (cues.dot) {
    KO_SPACED_DOTTED_DATE.lastIndex = 0;
    while ((m = KO_SPACED_DOTTED_DATE.exec(text)) !== null) if (!digitOrDotBefore(text, m.index)) sink.add(m.index, m.index + m[0].length, 'DATE', 0.9, 'dotted date');
  }
  if (cues.dot) {
    KO_YEAR_DOT_MONTH.lastIndex = 0;
    while ((m = KO_YEAR_DOT_MONTH.exec(text)) !== null) if (!digitOrDotBefore(text, m.index)) sink.add(m.index, m.index + m[0].length, 'DATE', 0.8, 'year and month with a dot');
  }
  if (cues.calendar) {
    KO_LUNAR_DATE.lastIndex = 0;
    while ((m = KO_LUNAR_DATE.exec(text)) !== null) {
      // "음력" alone (no month after it) is only the word.
      if (!/월|달/.test(m[0])) continue;
      sink.add(m.index, m.index + m[0].length, 'DATE', 0.9, 'lunar or solar calendar date');
    }
  }
}

export function detectCuedIds(text: string, sink: Sink, cues: Cues): void {
  if (!cues.numberLabel) return;
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

/** A surname (one syllable, or a compound one) and given-name syllables, and no common word. */
function looksLikeKoreanName(w: string): boolean {
  if (w.length < 2 || w.length > 5 || KO_STOPWORDS.has(w) || KINSHIP_BEFORE.has(w) || TITLES.has(w)) return false;
  const given = (g: string): boolean => g.length >= 1 && g.length <= 3 && [...g].every((c) => GIVEN_SYLLABLES.has(c) || FOREIGN_NAME_SYLLABLES.has(c)) && !KO_STOPWORDS.has(g);
  if (SURNAMES.has(w[0]) && given(w.slice(1))) return true;
  return w.length >= 3 && COMPOUND_SURNAME_SET.has(w.slice(0, 2)) && given(w.slice(2));
}

/**
 * A form's or list's label and a name after its colon: "본인: 국영삼,", "- 어머니: 방순녀 (74세". Speaker
 * labels of a transcript (면담자:, 증언자:) are not among the labels: what follows them is speech.
 */
const FORM_LABEL_NAME = /(?:^|\n)[ \t]*(?:[-–•*·]\s*|\d{1,2}[.)]\s*)?(?:본인|성명|이름|성함|신청인|배우자|남편|아내|처|아들|딸|장남|장녀|차남|차녀|형|오빠|언니|누나|동생|남동생|여동생|할머니|할아버지|외할머니|외할아버지|삼촌|외삼촌|이모|고모|사촌|조카|시어머니|시아버지|부친|모친|부|모|보호자|소개인|브로커|연락인|연락자|아버지|어머니)\s?[:：]\s*([\uac00-\ud7a3]{2,5})(?=[\s,(/·)]|$)/g;
/** A name spelled syllable by syllable, after 함자/성함/이름: "함자는 변 자 학 자 수 자를 쓰셨고". */
const SPELLED_NAME = /([\uac00-\ud7a3])\s?자[,\s]\s?([\uac00-\ud7a3])\s?자(?:[,\s]\s?([\uac00-\ud7a3])\s?자)?/g;
const SPELLED_NAME_CONTEXT = /(?:함자|성함|존함|이름|휘|성명)/;
/** A surname ending a line and the given name starting the next: "손자 류\n샤오펑이". */
const NAME_ACROSS_LINES = /([\uac00-\ud7a3]{1,2})[ \t]*\n[ \t]*([\uac00-\ud7a3]{2,3}?)(?=이라는|라는|이가|이는|이를|이도|이와|이랑|이한테|은|는|이|가|을|를|의|와|과|씨|님|에게|한테|랑|하고|[^\uac00-\ud7a3]|$)/y;
/** A quoted Korean nickname put first, then 별명/애칭 in the same clause: "콩알"이라는 건 제 별명이었어요. */
const FRONTED_QUOTED_KO = /(["“‘'])([\uac00-\ud7a3]{1,6})(["”’'])(?=(?:이라는|라는|이란|란|이|가|은|는|도)\s?(?:건|게|것은|것이|말은|말이)?[^.!?\n]{0,15}(?:별명|애칭|닉네임|가명))/g;
/** "\"Sunny\" was what they called me", "\"Tadpole\" was my nickname". */
const FRONTED_QUOTED_EN = /["“‘]([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})[.,!]?["”’]\s(?:was|is|became|had been)\s(?:what|how|my|his|her|our|their|the)\s(?:[a-z]+\s){0,3}?(?:called|call|nickname|name|knew)\b/g;
/** 'called me "Tadpole."': a quoted name after "called me/us", punctuation inside the quotes left out. */
const CALLED_ME_QUOTED = /\b(?:called|call|calls|nicknamed)\s(?:me|us)\s["“‘]([A-Z][^"”’\n]{0,28}?)[.,;:!?]?["”’]/g;

export function detectCuedPersons(text: string, sink: Sink, hasHangul: boolean, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (hasHangul && cues.colon) {
    FORM_LABEL_NAME.lastIndex = 0;
    while ((m = FORM_LABEL_NAME.exec(text)) !== null) {
      if (!looksLikeKoreanName(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'name after a form label');
    }
  }
  if (hasHangul && cues.spacedJa) {
    SPELLED_NAME.lastIndex = 0;
    while ((m = SPELLED_NAME.exec(text)) !== null) {
      if (!SURNAMES.has(m[1]) || /[\uac00-\ud7a3]/.test(text[m.index - 1] ?? '') || !SPELLED_NAME_CONTEXT.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
      let at = m.index;
      for (const syllable of [m[1]!, m[2]!, m[3]]) {
        if (syllable === undefined) break;
        at = text.indexOf(syllable, at);
        sink.add(at, at + 1, 'PERSON', 0.8, 'name spelled syllable by syllable');
        at += 1;
      }
    }
  }
  if (hasHangul && cues.newline) {
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) {
      // The word before the line break: one or two syllables after a non-Hangul character.
      let end = nl;
      while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
      let start = end;
      while (start > 0 && end - start < 3 && isHangulCode(text.charCodeAt(start - 1))) start--;
      if (start === end || end - start > 2 || isHangulCode(text.charCodeAt(start - 1))) continue;
      NAME_ACROSS_LINES.lastIndex = start;
      m = NAME_ACROSS_LINES.exec(text);
      if (m === null || m.index !== start) continue;
      const surname = m[1]!;
      const given = m[2]!;
      const isSurname = surname.length === 1 ? SURNAMES.has(surname) : COMPOUND_SURNAME_SET.has(surname);
      if (!isSurname || !looksLikeKoreanName(surname + given)) continue;
      sink.add(m.index, m.index + m[0].length, 'PERSON', 0.75, 'name split by a line break');
    }
  }
  if (!cues.quote && !cues.apostrophe) return;
  if (hasHangul) {
    FRONTED_QUOTED_KO.lastIndex = 0;
    while ((m = FRONTED_QUOTED_KO.exec(text)) !== null) {
      const name = m[2]!;
      // Quoted speech ends in a verb ending; a nickname does not.
      if (/[다요까죠네]$/.test(name) || KO_STOPWORDS.has(name)) continue;
      const start = m.index + m[1]!.length;
      sink.add(start, start + name.length, 'PERSON', 0.75, 'quoted nickname before "별명"');
    }
  }
  FRONTED_QUOTED_EN.lastIndex = 0;
  while ((m = FRONTED_QUOTED_EN.exec(text)) !== null) {
    const start = m.index + 1;
    sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'quoted nickname before "was what they called"');
  }
  CALLED_ME_QUOTED.lastIndex = 0;
  if (cues.calledMe) while ((m = CALLED_ME_QUOTED.exec(text)) !== null) {
    const name = m[1]!.trim();
    const start = m.index + m[0].indexOf(m[1]!);
    sink.add(start, start + name.length, 'PERSON', 0.8, 'quoted name after "called me"');
  }
}

/** Suffixes after a one-syllable nickname used again bare: 곰이 왔다, 곰한테, 곰은. */
const ONE_SYLLABLE_REPEAT_TAIL = /^(?:이가|이는|이를|이도|이랑|이한테|이하고|이네|한테|에게|하고|이랑|랑|이|가|은|는|을|를|의|도)(?![\uac00-\ud7a3])/;

/**
 * A one-syllable nickname (곰이라고 불리던, "철"이라고만 부른다) is found again where it is used bare with a
 * particle; propagateNames leaves one-syllable names alone, since a surname before a title (최 과장) is one too.
 */
export function repeatOneSyllableNicknames(text: string, sink: Sink): void {
  const names = new Set<string>();
  for (const span of sink.spans) {
    if (span.type !== 'PERSON' || span.score < 0.7 || !/^(?:nickname|quoted)/.test(span.reason)) continue;
    const surface = text.slice(span.start, span.end);
    // "철이" from "철"이라고: the nickname is the syllable, its 이 the familiar suffix.
    const core = surface.length === 2 && surface[1] === '이' ? surface[0]! : surface;
    if (core.length === 1 && /[\uac00-\ud7a3]/.test(core)) names.add(core);
  }
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
      if (/[\uac00-\ud7a3]/.test(text[at - 1] ?? '')) continue;
      if (!ONE_SYLLABLE_REPEAT_TAIL.test(text.slice(at + 1, at + 5))) continue;
      sink.add(at, at + 1, 'PERSON', 0.7, 'repeat of a one-syllable nickname');
    }
  }
}

/** A place, a number and a facility head in one word: 청진제1고등중학교, 회령제2인민병원. */
const KO_PLACE_NUMBERED_FACILITY = /제\s?\d{1,3}\s?(?:고등중학교|고급중학교|초급중학교|중학교|인민학교|소학교|고등학교|유치원|탁아소|인민병원|병원|공장|탄광|광산|농장|교화소|관리소|구류장|집결소|작업소)/g;
/** A town that is also a word (통화 "phone call", 위해 "for"): a place before a verb of staying or going. */
const KO_AMBIGUOUS_TOWN = /(?<![\uac00-\ud7a3])(?:통화|위해|안도|교하|반석)(?:시|현)?(?=에\s?(?:있|살|머물|도착|들어|숨|정착|갔|가서|왔|와서)|에서\s?(?:살|지내|일하|일했|머물|기차|버스|잡혔|잡혀|붙잡|만났|만난|나와|나왔|떠나|떠났|출발)|까지\s?(?:가|갔|왔|와|데려|태워|걸어|도망|이동)|(?:으로|로)\s?(?:가|갔|왔|옮|이동|넘어|팔려|도망|떠났|보내|데려|향했))/g;
/** A capitalised name and a lower-case head: "Musan border guard post", "Chaeha market", "Tumen bus station". */
const EN_NAME_LOWER_HEAD = /\b([A-Z][a-zŏŭ'’-]{2,})\s((?:border\s)?(?:guard\s|sentry\s|police\s|security\s)?(?:post|outpost|checkpoint)|(?:train\s|bus\s|railway\s)?station|(?:farmers['’]?\s)?market|hotel|guesthouse|guest house|restaurant|inn|district|county|province|village|township)\b/g;
/** A named hotel, restaurant or agency: "Hongxing Hotel", "Hyesan City Safety Agency". */
const EN_NAMED_LODGING = /\b((?:[A-Z][a-zŏŭ'’-]+\s){1,3})(Hotel|Guesthouse|Guest House|Restaurant|Inn|(?:Safety|Security|Police|Intelligence)\sAgency|Safety Station|(?:Border\s)?Guard Post|Border Post|Checkpoint)\b/g;
/** A facility's own detention centre or cells after it: "Onsong County Security Department detention center". */
const FACILITY_TAIL = /^\s(?:detention (?:center|centre)|holding (?:center|centre|cells?)|interrogation (?:room|cells?)|jail|prison|lock-?up|cells|branch)\b/;

export function detectCuedFacilitiesAndPlaces(text: string, sink: Sink, hasHangul: boolean, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (hasHangul && cues.je) {
    KO_PLACE_NUMBERED_FACILITY.lastIndex = 0;
    while ((m = KO_PLACE_NUMBERED_FACILITY.exec(text)) !== null) {
      // The place is the rest of the word before 제: 청진제1고등중학교.
      let start = m.index;
      while (start > 0 && start > m.index - 6 && isHangulCode(text.charCodeAt(start - 1))) start--;
      if (start === m.index || isHangulCode(text.charCodeAt(start - 1)) || !isKnownPlaceWord(text.slice(start, m.index))) continue;
      sink.add(start, m.index + m[0].length, 'FACILITY', 0.85, 'place, number and facility in one word');
    }
  }
  if (hasHangul && cues.town) {
    KO_AMBIGUOUS_TOWN.lastIndex = 0;
    while ((m = KO_AMBIGUOUS_TOWN.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'PLACE', 0.65, 'town that is also a word, before a verb of staying or going');
  }
  EN_NAME_LOWER_HEAD.lastIndex = 0;
  if (cues.lowerHead) while ((m = EN_NAME_LOWER_HEAD.exec(text)) !== null) {
    const name = m[1]!;
    // The name is a known place, or a word that is no English (a sentence's first word "The" never is).
    if (!isLatinPlace(name) && (EN_COMMON.has(name.toLowerCase()) || /['’]s$/.test(name))) continue;
    const head = m[2]!;
    const isPlace = /station|market/.test(head);
    // A lower-case market, station or district is the one of that place: the place is the name alone ("Onsong market", "Pochon county").
    if (isPlace || /^(?:district|county|province|village|township)$/.test(head)) sink.add(m.index, m.index + name.length, 'PLACE', 0.7, `name before a lower-case "${head}"`);
    else sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.7, `name before "${head}"`);
  }
  EN_NAMED_LODGING.lastIndex = 0;
  if (cues.namedLodging) while ((m = EN_NAMED_LODGING.exec(text)) !== null) {
    // Leading ordinary words (The, Our, Big) are not part of the name; nothing left, no name.
    const words = m[1]!.trim().split(' ');
    let skip = 0;
    while (skip < words.length && EN_COMMON.has(words[skip]!.toLowerCase()) && !isLatinPlace(words[skip]!)) skip++;
    if (skip === words.length) continue;
    const start = m.index + words.slice(0, skip).reduce((n, w) => n + w.length + 1, 0);
    sink.add(start, m.index + m[0].length, 'FACILITY', 0.75, `named "${m[2]}"`);
  }
}

/** Extends every facility found over its own detention centre or cells named after it. */
export function extendFacilityTails(text: string, sink: Sink): void {
  const count = sink.spans.length;
  for (let k = 0; k < count; k++) {
    const span = sink.spans[k]!;
    if (span.type !== 'FACILITY' || text.charCodeAt(span.end) !== 32) continue;
    const tail = FACILITY_TAIL.exec(text.slice(span.end, span.end + 40));
    if (tail) sink.add(span.start, span.end + tail[0].length, 'FACILITY', span.score, `${span.reason}, with its own "${tail[0].trim()}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// The dev8 round: ages in abbreviations, contractions and parentheses, 만 before an age, leading-zero
// two-digit years, years with an apostrophe in a timeline, possessive prisoner numbers, numbered work
// units without a place, Latin names before Korean particles, lower-case English titles, given names
// before a kin title with any particle.

/** "17 y/o", "17 yrs old", "nineteen years of age". */
const EN_AGE_ABBREVIATED = new RegExp(`\\b(?:${EN_NUMBER_WORD}|[1-9]\\d?)\\s?(?:y\\/o|y\\.o\\.|yrs?\\.?\\s?old|years?\\sof\\sage)(?![A-Za-z])`, 'gi');
/** "She's thirty-eight now", "I'm 19", "you were only 11". */
const EN_AGE_CONTRACTED = new RegExp(`\\b(?:(?:she|he|i)['’](?:s|m)|you\\s(?:were|are))\\s(?:only\\s|just\\s|about\\s|nearly\\s|almost\\s|barely\\s|already\\s)?(${EN_NUMBER_WORD}|[1-9]\\d?)\\b${NOT_AN_AGE_AFTER}(?!\\s(?:of|or more|minutes|am|pm))`, 'gi');
/** A person's age in brackets right after the name: "PYON Chang-ho (41)", "김철수(52세)". */
const AGE_IN_BRACKETS_AFTER = /^\s?[(（]\s?(\d{1,2}(?:\s?(?:세|살))?)\s?[)）]/;
/** 만 before an age word ("만 서른도 안 돼", "만 열일곱"): the full-age marker. */
const KO_FULL_AGE = /만\s?((?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)?)(?![\uac00-\ud7a3]*\s?(?:명|개|번|시|원|달|년|일|리|킬로|미터|대|채|마리|권|장|가구|집))(?=[^\uac00-\ud7a3]|도|이|에|의|가|은|는|로|으로|밖에|까지|부터|을|를|였|이었)/g;
/** A native age word ending a clause after a topic: "명호는 스물넷, 명철이는 스물." */
const KO_TOPIC_AGE = /(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)?(?=[.,;)]|\s?$)/g;
const TOPIC_BEFORE_AGE = /(?:이는|는|은|이가|가)\s$/;
/** A two-digit year with a leading zero is no duration: "02년에", "07년도". */
const KO_ZERO_YEAR = /0\d\s?년(?:도)?(?!\s?(?:동안|간|째|만에|만|이상|넘게|가까이|후|뒤|전|정도|쯤))/g;
/** "'98" in a timeline or after a preposition: the short year alone. */
const EN_APOSTROPHE_YEAR = /['’](\d{2})(?![\d'’%]|s\b|\s?(?:degrees|percent|km|kg))/g;
const BEFORE_APOSTROPHE_YEAR = /(?:\b(?:in|since|until|till|from|to|by|around|early|late|mid|summer|winter|spring|autumn|fall)\s|[-–•*]\s|\n[ \t]*)$/i;
/** "Prisoner numbers were sewn on; hers was 1187." */
const POSSESSIVE_NUMBER = /\bnumbers?\b[^.\n]{0,40}?\b(?:mine|hers|his|theirs|ours)\s(?:was|is|:)\s#?(\d{1,6})\b/gi;
/** A numbered work unit or school without a place: 제12임업작업소, 제3중학교. */
const KO_NUMBERED_UNIT = /제\s?\d{1,4}\s?(?:호\s?)?[\uac00-\ud7a3]{0,4}?(?:작업소|사업소|기업소|연합기업소|공장|광산|탄광|농장|교화소|관리소|병원|고등중학교|고급중학교|초급중학교|중학교|인민학교|유치원|직장|작업반)/g;
/** A Latin-script name right before a Korean particle or 라는: "Toronto에 살아요", "Narong라는 사람". */
const LATIN_BEFORE_KOREAN = /\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?=(에서는|에서|에는|에|으로|로|까지|이라는|라는|이란|란|씨|님)(?![\uac00-\ud7a3]*(?:대해|대한|따르|관해|의하)))/g;
const COUNTRIES = /^(?:China|Korea|North Korea|South Korea|Russia|Laos|Thailand|Vietnam|Cambodia|Mongolia|Burma|Myanmar|Japan|America|Canada|England|Britain|France|Germany|Australia|Asia|Europe|Africa|Hanawon|Hana|Facebook|Google|Kakao|Samsung|Christmas|Bible|Jesus|God)$/;
/** "near Tynda in Russia": a name placed inside a country is a place. */
const PLACE_IN_COUNTRY = /\b(?:near|in|at|from|to|outside)\s([A-Z][a-z]{2,}(?:[\s-][A-Z][a-z]+)?)(?:\sin|,)\s?(?:North\s|South\s)?$/;
/** Lower-case titles of a non-native writer: "miss Jin", "mr Pak". */
const EN_LOWER_TITLE = /\b(?:mr|mrs|ms|miss|mister|madam)\.?\s([A-Z][a-z]+(?:-[a-z]+|\s[A-Z][a-z]+)?)/g;
/** A given name before a kin title, whatever particle follows: "춘자 언니랑", "길수 오빠하고". */
const GIVEN_BEFORE_KIN = /\s(?:언니|오빠|누나|형님|형|할머니|할아버지|아주머니|아줌마|아저씨|이모|삼촌|고모)(?=랑|이랑|하고|한테|에게|께서|은|는|이|가|를|을|도|와|의|네|[^\uac00-\ud7a3]|$)/g;

export function detectShortFormsAndMixedScript(text: string, sink: Sink, hasHangul: boolean, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (cues.abbreviatedAge) {
    EN_AGE_ABBREVIATED.lastIndex = 0;
    while ((m = EN_AGE_ABBREVIATED.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.85, 'abbreviated age');
  }
  if (cues.contracted) {
    EN_AGE_CONTRACTED.lastIndex = 0;
    while ((m = EN_AGE_CONTRACTED.exec(text)) !== null) {
      if (/^one$/i.test(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.7, 'age after a contracted "is"');
    }
  }
  if (cues.bracket) {
    const count = sink.spans.length;
    for (let k = 0; k < count; k++) {
      const span = sink.spans[k]!;
      if (span.type !== 'PERSON') continue;
      const a = AGE_IN_BRACKETS_AFTER.exec(text.slice(span.end, span.end + 10));
      if (!a) continue;
      const start = span.end + a[0].indexOf(a[1]!);
      sink.add(start, start + a[1]!.length, 'AGE', 0.75, 'age in brackets after a name');
    }
  }
  if (cues.possessiveNumber) {
    addEachValue(POSSESSIVE_NUMBER, text, sink, 'ID', 0.8, 'own number after "numbers"');
  }
  if (cues.apostrophe) {
    EN_APOSTROPHE_YEAR.lastIndex = 0;
    while ((m = EN_APOSTROPHE_YEAR.exec(text)) !== null) {
      // In a timeline (line start, a bullet) or after a preposition of time only.
      if (m.index > 0 && !BEFORE_APOSTROPHE_YEAR.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
      sink.add(m.index, m.index + m[0].length, 'DATE', 0.75, 'short year with an apostrophe');
    }
  }
  // Only before a country word (few in any text): the name placed in it is looked for just before.
  if (cues.inCountry) for (const token of latinTokens(text)) {
    if (!COUNTRY_KEYS.has(token.key) || !token.capitalised) continue;
    const before = text.slice(Math.max(0, token.start - 40), token.start);
    const p = PLACE_IN_COUNTRY.exec(before);
    if (p === null) continue;
    const name = p[1]!;
    if (COUNTRIES.test(name) || EN_COMMON.has(name.toLowerCase()) || COUNTRY_KEYS.has(name.toLowerCase())) continue;
    const start = token.start - before.length + p.index + p[0].indexOf(name, p[0].indexOf(' '));
    sink.add(start, start + name.length, 'PLACE', 0.7, 'name placed in a country');
  }
  EN_LOWER_TITLE.lastIndex = 0;
  if (cues.lowerTitle) {
    while ((m = EN_LOWER_TITLE.exec(text)) !== null) {
      const name = m[1]!;
      if (EN_COMMON.has(name.toLowerCase()) && !isLatinPlace(name)) continue;
      const start = m.index + m[0].length - name.length;
      sink.add(start, start + name.length, 'PERSON', 0.8, 'name after a lower-case title');
    }
  }
  if (!hasHangul) return;
  if (cues.man) {
    KO_FULL_AGE.lastIndex = 0;
    while ((m = KO_FULL_AGE.exec(text)) !== null) {
      if (isHangulCode(text.charCodeAt(m.index - 1))) continue;
      const start = m.index + m[0].length - m[1]!.length;
      sink.add(start, start + m[1]!.length, 'AGE', 0.8, 'age after 만');
    }
  }
  KO_TOPIC_AGE.lastIndex = 0;
  while ((m = KO_TOPIC_AGE.exec(text)) !== null) {
    if (isHangulCode(text.charCodeAt(m.index - 1)) || !TOPIC_BEFORE_AGE.test(text.slice(Math.max(0, m.index - 3), m.index))) continue;
    sink.add(m.index, m.index + m[0].length, 'AGE', 0.7, 'age word ending a clause after a topic');
  }
  if (cues.zero) {
    KO_ZERO_YEAR.lastIndex = 0;
    while ((m = KO_ZERO_YEAR.exec(text)) !== null) if (!digitOrDotBefore(text, m.index)) sink.add(m.index, m.index + m[0].length, 'DATE', 0.8, 'two-digit year with a leading zero');
  }
  if (cues.je) {
    KO_NUMBERED_UNIT.lastIndex = 0;
    while ((m = KO_NUMBERED_UNIT.exec(text)) !== null) if (!isHangulCode(text.charCodeAt(m.index - 1)) && !digitOrDotBefore(text, m.index)) sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.75, 'numbered work unit or school');
  }
  LATIN_BEFORE_KOREAN.lastIndex = 0;
  if (cues.latinLetter) while ((m = LATIN_BEFORE_KOREAN.exec(text)) !== null) {
    const name = m[1]!;
    if (COUNTRIES.test(name) || (EN_COMMON.has(name.toLowerCase()) && !isLatinPlace(name))) continue;
    const personal = /라는|라는|이란|란|씨|님/.test(m[2]!);
    sink.add(m.index, m.index + name.length, personal ? 'PERSON' : 'PLACE', 0.6, personal ? 'Latin name before 라는/씨' : 'Latin name before a Korean place particle');
  }
  GIVEN_BEFORE_KIN.lastIndex = 0;
  while ((m = GIVEN_BEFORE_KIN.exec(text)) !== null) {
    // The word before the space: two syllables, or two and the familiar 이 (순덕이 언니).
    let start = m.index;
    while (start > 0 && m.index - start < 4 && isHangulCode(text.charCodeAt(start - 1))) start--;
    const word = text.slice(start, m.index);
    if (isHangulCode(text.charCodeAt(start - 1)) || !(word.length === 2 || (word.length === 3 && word[2] === '이'))) continue;
    const given = word.slice(0, 2);
    m.index = start;
    if (!GIVEN_STRICT.all(given) || KO_STOPWORDS.has(given) || KINSHIP_BEFORE.has(given) || TITLES.has(given) || SURNAMES.has(given[0]) && KO_STOPWORDS.has(given.slice(1))) continue;
    sink.add(m.index, m.index + given.length, 'PERSON', 0.65, 'given name before a kin title');
  }
}

// ---------------------------------------------------------------------------------------------
// The dev9 round: Latin names before a Korean copula, surname + 가 (the X family), a quoted name put
// before "the broker called me", answers to a question about a name, ages after "a woman near".

/** A Latin-script name before a Korean copula: "이름은 Liang인데", "Narong이에요". */
const LATIN_BEFORE_COPULA = /\b([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)(?=인데|이에요|이었|였|입니다|이고|이래요|래요|예요)/g;
/** A surname with 가 ("of the X family") before a copula or quotative: "리당비서는 도가였고". */
const SURNAME_GA = /가(?=였|이었|라고|래요|라는|란|예요|야\b|이야|입니다|더라)/g;
const NOT_SURNAME_GA = new Set(['제', '내', '네', '누', '그', '이', '저', '뭐', '나', '너', '자', '우', '왜', '어']);
/** '"Little Sister," the broker called me': the quoted name before who called it. */
const QUOTED_BEFORE_CALLER = /["“]([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})[.,!]?["”],?\s(?:the\s[a-z]+(?:\s[a-z]+)?|he|she|they|everyone|people|[A-Z][a-z]+)\s(?:called|call|calls|named|nicknamed)\s(?:me|us|him|her|them)\b/g;
/** A transcript answer that is only a name, after a question about a name. */
const ANSWER_LINE = /^[ \t]*(?:A|Answer|W|Witness|Interviewee|증언자|구술자|답)\s?[:：.]\s*([^\n]{1,40})$/gm;
const NAME_QUESTION = /이름|성함|name/i;
/** "a strict woman near fifty", "a man past sixty". */
const EN_PERSON_NEAR_AGE = new RegExp(`\\b(?:woman|man|boy|girl|lady|guy|fellow|person|widow|widower|soldier|guard|officer|broker)\\s(?:near|nearing|past|close to|well over|over|under)\\s(${EN_NUMBER_WORD}|[1-9]\\d)\\b${NOT_AN_AGE_AFTER}`, 'gi');

export function detectAnswersAndCopulas(text: string, sink: Sink, hasHangul: boolean, cues: Cues): void {
  let m: RegExpExecArray | null;
  if (cues.quote && cues.calledMe) {
    QUOTED_BEFORE_CALLER.lastIndex = 0;
    while ((m = QUOTED_BEFORE_CALLER.exec(text)) !== null) {
      const start = m.index + 1;
      sink.add(start, start + m[1]!.length, 'PERSON', 0.8, 'quoted name before "called me"');
    }
  }
  if (cues.personNear) {
    addEachValue(EN_PERSON_NEAR_AGE, text, sink, 'AGE', 0.7, 'age after "a woman near"');
  }
  if (cues.newline && cues.nameQuestion) {
    ANSWER_LINE.lastIndex = 0;
    while ((m = ANSWER_LINE.exec(text)) !== null) {
      const lineStart = m.index;
      if (lineStart === 0) continue;
      const previous = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1);
      if (!NAME_QUESTION.test(previous) || !/[?？]\s*$/.test(previous)) continue;
      const answer = m[1]!;
      const answerStart = m.index + m[0].length - answer.length;
      // The first word or two of the answer, before the sentence ends.
      const hangul = /^([\uac00-\ud7a3]{2,5}?)(?:이요|요|입니다|이에요|예요)?(?=[.,]|\s|$)/.exec(answer);
      if (hangul && looksLikeKoreanName(hangul[1]!)) {
        sink.add(answerStart, answerStart + hangul[1]!.length, 'PERSON', 0.75, 'answer to a question about a name');
        continue;
      }
      const latin = /^([A-Z][a-z]+(?:[\s-][A-Z]?[a-z]+){0,2})(?=[.,]|\s*$)/.exec(answer);
      if (latin && !EN_COMMON.has(latin[1]!.toLowerCase())) sink.add(answerStart, answerStart + latin[1]!.length, 'PERSON', 0.75, 'answer to a question about a name');
    }
  }
  if (!hasHangul) return;
  LATIN_BEFORE_COPULA.lastIndex = 0;
  if (cues.latinLetter) while ((m = LATIN_BEFORE_COPULA.exec(text)) !== null) {
    const name = m[1]!;
    if (COUNTRIES.test(name) || (EN_COMMON.has(name.toLowerCase()) && !isLatinPlace(name))) continue;
    const named = /이름|name|불렀|called/.test(text.slice(Math.max(0, m.index - 12), m.index));
    sink.add(m.index, m.index + name.length, named || !isLatinPlace(name) ? 'PERSON' : 'PLACE', 0.6, 'Latin name before a Korean copula');
  }
  if (cues.ga) {
    SURNAME_GA.lastIndex = 0;
    while ((m = SURNAME_GA.exec(text)) !== null) {
      const surname = text[m.index - 1];
      if (m.index === 0 || !SURNAMES.has(surname) || NOT_SURNAME_GA.has(surname!) || isHangulCode(text.charCodeAt(m.index - 2))) continue;
      sink.add(m.index - 1, m.index, 'PERSON', 0.7, 'surname + 가 (the family)');
    }
  }
}
