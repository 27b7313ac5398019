/**
 * CONTACT, ID, DATE and AGE: phone numbers, e-mail and messenger IDs; registration, passport, case
 * and prisoner numbers; Korean and English dates (2009년 겨울, 2011.3.5, spring of 2014); ages in
 * native Korean numbers (스물세 살), Sino-Korean (23세) and English (aged 17, at 17, 14-year-old).
 * Every regular expression is compiled once, here, and run once over the text.
 */
import { execAtWords, registerCueWords, type Sink } from './scan';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+|\b00)?\(?\d[\d().\s-]{6,20}\d/g;
const RRN = /(?<!\d)\d{6}\s?-\s?[1-8]\d{6}(?!\d)/g;
const CN_ID = /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/g;
const PASSPORT = /\b[A-Z]{1,2}\d{7,8}\b/g;
const CASE_NUMBER = /\b[A-Z]{1,6}\d*(?:[-/][A-Z0-9]{1,10}){1,5}\b/g;
const NUMBER_AFTER_CONTEXT = /(?:prisoner (?:number|no\.?)|inmate number|case (?:number|no\.?)|file (?:number|no\.?)|record (?:number|no\.?)|reference (?:number|no\.?)|registration (?:number|no\.?)|passport (?:number|no\.?)|ID (?:number|no\.?)|card (?:number|no\.?)|record|file|case|수번|수감번호|수용 ?번호|관리번호|사건번호|문서번호|등록번호|여권번호|번호)\s*(?:is|was|:|#|은|는|이|가|을|를)?\s*[([]?([A-Z0-9][A-Z0-9/-]{1,24}[A-Z0-9]|\d{3,})/gi;
/** The same, for the text in lower case (same length): a case-insensitive alternation is slower. */
const NUMBER_AFTER_CONTEXT_LOWER = new RegExp(NUMBER_AFTER_CONTEXT.source.replace('ID (', 'id (').replaceAll('[A-Z0-9', '[a-z0-9'), 'g');
// The same split by script, on the text in lower case: the English part sticky at its cue words (execAtWords),
// the Korean part scanned only in text with Hangul.
const NUMBER_TAIL = NUMBER_AFTER_CONTEXT_LOWER.source.slice(NUMBER_AFTER_CONTEXT_LOWER.source.indexOf(')\\s*') + 1);
const NUMBER_AFTER_LATIN = new RegExp(`(?:prisoner (?:number|no\\.?)|inmate number|case (?:number|no\\.?)|file (?:number|no\\.?)|record (?:number|no\\.?)|reference (?:number|no\\.?)|registration (?:number|no\\.?)|passport (?:number|no\\.?)|id (?:number|no\\.?)|card (?:number|no\\.?)|record|file|case)${NUMBER_TAIL}`, 'y');
const NUMBER_AFTER_KOREAN = new RegExp(`(?:수번|수감번호|수용 ?번호|관리번호|사건번호|문서번호|등록번호|여권번호|번호)${NUMBER_TAIL}`, 'g');
/** "called me by my number, 47", "his number was 1162": a prisoner's number after a possessive (a phone has more digits). */
const OWN_NUMBER = /(?:my|his|her|their|our|your)\s(?:prison\s|camp\s)?number,?\s(?:was\s|is\s|:\s?)?#?(\d{1,6})(?![\d-])/y;
const OWN_NUMBER_CUES = registerCueWords(['my', 'his', 'her', 'their', 'our', 'your']);
/** A passport number with its letters and spaces or hyphens, after "passport" or 여권: PE 4471902, G-2847-1613, M 1234 5678. */
const PASSPORT_SPACED = /(?:[Pp]assport|PASSPORT|여권)(?:\s?(?:[Nn]umber|[Nn]o\.?|번호|#))?\s*(?:is|was|:|은|는|이|가)?\s*([A-Z]{1,2}[\s-]?\d{2,4}(?:[\s-]?\d{2,5}){1,3})(?![\dA-Za-z])/y;
const PASSPORT_WORD = registerCueWords(['passport']);
/** Digits with no country or area code after a word that announces a phone number: "call 5551234567", 번호는 7789123456. */
const PHONE_AFTER_CONTEXT = /(?:call|phone|mobile|cell|telephone|number)(?:\s(?:number|no\.?))?(?:\s(?:is|was|:))?:?\s+(\+?\d[\d\s-]{6,18}\d)(?![\d-])/y;
const PHONE_WORDS = registerCueWords(['call', 'phone', 'mobile', 'cell', 'telephone', 'number']);
const KO_PHONE_AFTER_CONTEXT = /(?:전화번호|전화|핸드폰|휴대폰|휴대전화|연락처|번호)(?:는|은|가|이|:)?\s*(\+?\d[\d\s-]{6,18}\d)(?![\d-])/g;
const NUMBER_CUES = registerCueWords(['prisoner', 'inmate', 'case', 'file', 'record', 'reference', 'registration', 'passport', 'id', 'card']);
/** Matched against the text in lower case (same length), so no case-insensitive alternation runs. */
const MESSENGER = /(?:we ?chat|weixin|위챗|웨이신|카카오톡|카카오|카톡|kakao(?:talk)?|\bqq\b|telegram|텔레그램|\bline\b|라인|signal|facebook|페이스북|instagram|인스타그램|skype|스카이프|whatsapp|왓츠앱|\bids?\b|아이디|handle|username|user name|계정|account|닉네임)/g;
const MESSENGER_LATIN = /(?:we ?chat|weixin|kakao(?:talk)?|\bqq\b|telegram|\bline\b|signal|facebook|instagram|skype|whatsapp|\bids?\b|handle|username|user name|account)/y;
const MESSENGER_KOREAN = /(?:위챗|웨이신|카카오톡|카카오|카톡|라인|페이스북|인스타그램|스카이프|왓츠앱|아이디|계정|닉네임)/g;
const MESSENGER_CUES = registerCueWords(['we', 'wechat', 'weixin', 'kakao', 'kakaotalk', 'qq', 'telegram', 'line', 'signal', 'facebook', 'instagram', 'skype', 'whatsapp', 'id', 'ids', 'handle', 'username', 'user', 'account']);
const HANDLE = /[A-Za-z0-9][A-Za-z0-9._-]{1,40}[A-Za-z0-9]/y;
/** A messenger or social-media handle written with its @: @freedom_road88 (not the @ of an e-mail address). */
const AT_HANDLE = /(?<![A-Za-z0-9._%+-])@[A-Za-z0-9_][A-Za-z0-9_.]{2,31}[A-Za-z0-9_]/g;
const UNDERSCORE_HANDLE = /\b[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)*_[A-Za-z0-9_.]+\b/g;

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** The text in lower case if that keeps every offset (it does unless the text has a rare letter such as İ). */
export function lowerSameLength(text: string): string | undefined {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : undefined;
}

export function detectContactsAndIds(text: string, sink: Sink, lower = lowerSameLength(text), hasHangul = /[\uac00-\ud7a3]/.test(text)): void {
  let m: RegExpExecArray | null;
  EMAIL.lastIndex = 0;
  if (text.includes('@')) while ((m = EMAIL.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'CONTACT', 0.98, 'e-mail address');
  RRN.lastIndex = 0;
  while ((m = RRN.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'ID', 0.98, 'resident registration number');
  CN_ID.lastIndex = 0;
  while ((m = CN_ID.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'ID', 0.95, 'Chinese resident ID number');
  PHONE.lastIndex = 0;
  while ((m = PHONE.exec(text)) !== null) {
    // Cut at a line break or a double space: two numbers side by side are two spans.
    let value = m[0].split(/\n|\s{2,}/)[0]!;
    value = value.replace(/[\s(.-]+$/, '');
    if (text[m.index - 1] && /[\w.,/-]/.test(text[m.index - 1]!) && !/^\+/.test(value)) continue;
    const digits = digitsOf(value);
    if (digits.length < 9 || digits.length > 15) continue;
    if (/^\d{6}\s?-\s?\d{7}$/.test(value) || /^\d{17}[\dX]$/.test(value)) continue;
    // Dates and year ranges are not phone numbers: 2011.3.5, 1999-2003, 2015-06-30.
    if (/^(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}$/.test(value) || /^(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}$/.test(value)) continue;
    const separated = /[\s().-]/.test(value);
    const plausible = /^\+/.test(value) || /^00/.test(value) || /^0\d/.test(digits) || /^1[3-9]\d{9}$/.test(digits) || /^(?:82|86)/.test(digits);
    if (!plausible && !separated) continue;
    if (!plausible && digits.length < 10) continue;
    sink.add(m.index, m.index + value.length, 'CONTACT', plausible ? 0.95 : 0.7, 'phone number');
    PHONE.lastIndex = m.index + value.length;
  }
  PASSPORT.lastIndex = 0;
  while ((m = PASSPORT.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'ID', 0.85, 'passport-style number');
  CASE_NUMBER.lastIndex = 0;
  while ((m = CASE_NUMBER.exec(text)) !== null) {
    const value = m[0];
    // A record number has digits and at least two letters: NK-T-2021-0387, BKK-IDC/2014/1192; not T/N, K-pop, COVID-19.
    if (!/\d{2,}/.test(value) || (value.match(/[A-Z]/g)?.length ?? 0) < 2 || /^(?:COVID|SARS|MERS|H1N1|G20|G7|K-?\d+|T\/N|A\/S)/.test(value)) continue;
    if (/^[A-Z]\d{7,8}$/.test(value)) continue;
    sink.add(m.index, m.index + value.length, 'ID', 0.85, 'record number');
  }
  const numberAfter = (m: RegExpExecArray): void => {
    const start = m.index + m[0].length - m[1]!.length;
    // A form's value ends at its line: "등록번호: 2021-0387\n2019년 12월" is a number and a date.
    const value = text.slice(start, m.index + m[0].length).split('\n')[0]!.trimEnd();
    if (!/\d/.test(value) || /^(?:19|20)\d{2}$/.test(value) && !/수번|prisoner|inmate/i.test(m[0])) return;
    // A phone number after "전화번호" is a CONTACT, found above: not an ID as well (the merge would keep ID).
    if (/^0\d{1,2}-\d{3,4}-\d{4}$/.test(value) || /(?:전화|핸드폰|휴대폰|연락처)\s?$/.test(text.slice(Math.max(0, m.index - 4), m.index))) return;
    sink.add(start, start + value.length, 'ID', 0.75, `number after "${text.slice(m.index, start).trim()}"`);
  };
  const messenger = (m: RegExpExecArray): void => {
    const contextEnd = m.index + m[0].length;
    const window = text.slice(contextEnd, contextEnd + 40);
    const lead = /^[\s:：,'"“‘(（]*(?:(?:ID|id|아이디|계정|account|handle|number|번호|is|was|as|은|는|이|가|:|으로|로|\(|주소)\s*){0,3}[\s:：,'"“‘(（]*/.exec(window)![0];
    HANDLE.lastIndex = contextEnd + lead.length;
    const h = HANDLE.exec(text);
    if (!h) return;
    const value = h[0];
    if (value.length < 4) return;
    const hasMarks = /[\d_.]/.test(value);
    // A plain word is an ID only after an explicit "ID"/"아이디"/"handle": "Line ID: sunflower", not "WeChat is useful".
    if (!hasMarks && !(/(?:\bids?\b|아이디|handle|username|계정)/i.test(m[0] + lead) && value.length >= 4 && !/^(?:same|none|unknown|lost|gone|deleted|the|and|but|because|card|cards|number|numbers|photo|photos|check|checks|papers|document|documents)$/i.test(value))) return;
    if (/^(?:19|20)\d{2}$/.test(value) || /^\d{1,4}$/.test(value)) return;
    if (/^\d+$/.test(value) && !/qq|id|아이디|number/i.test(m[0] + lead)) return;
    sink.add(h.index, h.index + value.length, 'CONTACT', 0.9, `messenger ID after "${m[0]}"`);
  };
  if (lower) {
    execAtWords(NUMBER_AFTER_LATIN, text, lower, NUMBER_CUES, numberAfter);
    execAtWords(MESSENGER_LATIN, text, lower, MESSENGER_CUES, messenger);
    const phoneAfter = (p: RegExpExecArray): void => {
      // A number ends at two spaces or at its line (the next line of a form is another field).
      const value = p[1]!.split(/\s{2,}|\n/)[0]!.trimEnd();
      const digits = digitsOf(value);
      if (digits.length < 7 || digits.length > 15 || /^(?:19|20)\d{2}$/.test(digits)) return;
      const start = p.index + p[0].length - p[1]!.length;
      sink.add(start, start + value.length, 'CONTACT', 0.8, 'number after a phone word');
    };
    execAtWords(PHONE_AFTER_CONTEXT, text, lower, PHONE_WORDS, phoneAfter);
    if (hasHangul && (text.includes('번호') || text.includes('전화') || text.includes('폰') || text.includes('연락처'))) {
      KO_PHONE_AFTER_CONTEXT.lastIndex = 0;
      while ((m = KO_PHONE_AFTER_CONTEXT.exec(text)) !== null) phoneAfter(m);
    }
    const passport = (p: RegExpExecArray): void => {
      const start = p.index + p[0].length - p[1]!.length;
      sink.add(start, start + p[1]!.length, 'ID', 0.85, 'number after "passport"');
    };
    execAtWords(PASSPORT_SPACED, text, text, PASSPORT_WORD, passport);
    if (hasHangul && text.includes('여권')) {
      for (let at = text.indexOf('여권'); at !== -1; at = text.indexOf('여권', at + 2)) {
        PASSPORT_SPACED.lastIndex = at;
        const p = PASSPORT_SPACED.exec(text);
        if (p) passport(p);
      }
    }
    execAtWords(OWN_NUMBER, text, lower, OWN_NUMBER_CUES, (n) => {
      const start = n.index + n[0].length - n[1]!.length;
      sink.add(start, start + n[1]!.length, 'ID', 0.7, 'number after "my number"');
    });
    if (hasHangul) {
      for (const [re, found] of [[NUMBER_AFTER_KOREAN, numberAfter], [MESSENGER_KOREAN, messenger]] as const) {
        re.lastIndex = 0;
        while ((m = re.exec(lower)) !== null) found(m);
      }
    }
  } else {
    // A text whose lower case changes its length (a rare letter such as İ): the whole patterns, case-insensitive.
    NUMBER_AFTER_CONTEXT.lastIndex = 0;
    while ((m = NUMBER_AFTER_CONTEXT.exec(text)) !== null) numberAfter(m);
    const anyCase = new RegExp(MESSENGER.source, 'gi');
    while ((m = anyCase.exec(text)) !== null) messenger(m);
  }
  if (text.includes('@')) {
    AT_HANDLE.lastIndex = 0;
    while ((m = AT_HANDLE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'CONTACT', 0.9, 'handle with @');
  }
  UNDERSCORE_HANDLE.lastIndex = 0;
  if (text.includes('_')) while ((m = UNDERSCORE_HANDLE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'CONTACT', 0.7, 'handle with underscore');
}

// ---------------------------------------------------------------------------------------------
// DATE

const KO_DATE = /(?<!\d)(?:19|20)\d{2}\s?년(?:\s?(?:1[0-2]|0?[1-9])\s?월(?:\s?(?:3[01]|[12]\d|0?[1-9])\s?일)?|\s?(?:(?:늦|이른\s?|초|한)?(?:봄|여름|가을|겨울)|초반|중반|후반|초|말(?!했|하|씀|을|를)|상반기|하반기|대(?=[^\uac00-\ud7a3]|에|의|초|말|중|후|부터|까지|였|이)))?(?:\s?도)?/g;
/** North Korean years counted from 1912: 주체98년 (2009), Juche 98; with month and day when given. */
const JUCHE_DATE = /(?:주체\s?\d{1,3}\s?년(?:\s?(?:1[0-2]|0?[1-9])\s?월(?:\s?(?:3[01]|[12]\d|0?[1-9])\s?일)?)?|\bJuche\s(?:year\s)?\d{1,3}\b)/g;
/** A range of years: 1997-98, 1999–2003, 1997~1998년 (each year is a date). */
const YEAR_RANGE = /(?<![\d.,:/#-])(?:19|20)\d{2}\s?(?:년\s?)?[-–~]\s?(?:(?:19|20)\d{2}|\d{2})(?![\d-])/g;
/** A season with an abbreviated year: the summer of '97. */
const SEASON_SHORT_YEAR = /\b(?:spring|summer|autumn|fall|winter)\s+of\s+['’]\d{2}\b/gi;
/** Month and year written with a slash: 03/2008, 3/2008. */
const MONTH_YEAR = /(?<![\d/.])(?:1[0-2]|0?[1-9])\/(?:19|20)\d{2}(?![\d/])/g;
/** "mid-2013", "early 2009", "late-1990s" (decades are EN_DATE's). */
const EN_PART_OF_YEAR = /\b(?:early|mid|late)[-\s](?:19|20)\d{2}\b(?!s)/iy;
const PART_OF_YEAR_WORDS = registerCueWords(['early', 'mid', 'late']);
const KO_SHORT_YEAR = /(?<![\d.])(\d{2})\s?년(도)?(?!\s?(?:동안|간|째|만에|만|형|이상|넘게|가까이|후|뒤|전|정도|쯤|이나|씩|을|를|이|가|의|은|는))/g;
const KO_MONTH_DAY = /(?<![\d.년])(?:1[0-2]|0?[1-9])\s?월\s?(?:3[01]|[12]\d|0?[1-9])\s?일/g;
const NUMERIC_DATE = /(?<![\d.])(?:(?:19|20)\d{2}[./-]\s?(?:1[0-2]|0?[1-9])[./-]\s?(?:3[01]|[12]\d|0?[1-9])|(?:3[01]|[12]\d|0?[1-9])[./](?:1[0-2]|0?[1-9])[./](?:19|20)\d{2}|(?:19|20)\d{2}-(?:1[0-2]|0[1-9]))\.?(?![\d])/g;
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?';
const EN_DATE = new RegExp(
  `\\b(?:(?:(?:early|late|mid-?|the\\s+)?(?:spring|summer|autumn|fall|winter)(?:\\s+of)?\\s+(?:19|20)\\d{2})|(?:(?:early|late|mid-?)\\s*)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(?:${MONTHS})(?:\\s+\\d{1,2}(?:st|nd|rd|th)?,?)?(?:,?\\s+(?:of\\s+)?(?:19|20)\\d{2})|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|(?:the\\s+)?(?:early\\s+|late\\s+|mid-?)?(?:19|20)\\d0s)`,
  'gi',
);
/**
 * EN_DATE for the text in lower case (same length), sticky: tried where a date word starts (a season,
 * a month, early/late/mid, the) and where a number starts ("3rd of June", "1990s").
 */
const EN_DATE_LOWER = new RegExp(EN_DATE.source.replace(/(?<!\\)[A-Z]/g, (c) => c.toLowerCase()), 'y');
const EN_DATE_WORDS = registerCueWords([...MONTHS.replace(/\\\.\?/g, '').replace('Sept?', 'Sep|Sept').split('|'), 'early', 'late', 'mid', 'the', 'spring', 'summer', 'autumn', 'fall', 'winter']);
const NUMBER_START = /\b\d/g;
const BARE_YEAR = /(?<![\d.,:/#-])(?:19[2-9]\d|20[0-3]\d)(?!\d|,\d|\s?(?:년|yuan|won|dollars?|USD|people|persons|km|kilo|kg|meters?|metres?|m\b|%|percent|호|번|명|원|위안|달러)|-\d)/g;

/** What may follow a Korean year or month and still be the date: 98년 겨울, 1990년대 중반, 11월 말, 2007년 추석. */
const KO_DATE_TAIL = /\s?(?:(?:늦|이른\s?|초|한)?(?:봄|여름|가을|겨울)|초반|중반|후반|중순|하순|상순|초|말|추석|설날|정월|단오|상반기|하반기)(?=$|[^\uac00-\ud7a3]|에|쯤|경|무렵|부터|까지|의|이었|였|은|는|도|으로|로|을|를|이|인)/y;

/** The end of a Korean date, extended over a season, part of a month or decade, or a holiday after it. */
function withDateTail(text: string, end: number): number {
  for (let hops = 0; hops < 2; hops++) {
    KO_DATE_TAIL.lastIndex = end;
    const tail = KO_DATE_TAIL.exec(text);
    if (!tail) break;
    end += tail[0].length;
  }
  return end;
}

export function detectDates(text: string, sink: Sink, hasHangul = /[\uac00-\ud7a3]/.test(text), lower = lowerSameLength(text)): void {
  let m: RegExpExecArray | null;
  KO_DATE.lastIndex = 0;
  if (hasHangul) while ((m = KO_DATE.exec(text)) !== null) {
    const value = m[0].replace(/\s?도$/, m[0].endsWith('년도') ? '도' : '');
    sink.add(m.index, withDateTail(text, m.index + value.length), 'DATE', 0.95, 'Korean date');
  }
  if (text.includes('주체') || text.includes('Juche')) {
    JUCHE_DATE.lastIndex = 0;
    while ((m = JUCHE_DATE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.9, 'Juche year');
  }
  if (text.includes('-') || text.includes('–') || text.includes('~')) {
    YEAR_RANGE.lastIndex = 0;
    while ((m = YEAR_RANGE.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.8, 'range of years');
  }
  if (text.includes("'") || text.includes('’')) {
    SEASON_SHORT_YEAR.lastIndex = 0;
    while ((m = SEASON_SHORT_YEAR.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.85, 'season and short year');
  }
  if (text.includes('/')) {
    MONTH_YEAR.lastIndex = 0;
    while ((m = MONTH_YEAR.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.85, 'month/year');
  }
  execAtWords(EN_PART_OF_YEAR, text, text, PART_OF_YEAR_WORDS, (d) => sink.add(d.index, d.index + d[0].length, 'DATE', 0.9, 'part of a year'));
  KO_SHORT_YEAR.lastIndex = 0;
  if (hasHangul) while ((m = KO_SHORT_YEAR.exec(text)) !== null) {
    const yy = Number(m[1]);
    // "97년도" is a year; "10년" is usually ten years. Without 도, only years a duration rarely is.
    if (!m[2] && !(yy >= 45 && yy <= 99)) continue;
    if (text[m.index - 1] && /[\uac00-\ud7a3]/.test(text[m.index - 1]!) && !m[2]) continue;
    sink.add(m.index, withDateTail(text, m.index + m[0].length), 'DATE', m[2] ? 0.9 : 0.6, 'two-digit year');
  }
  KO_MONTH_DAY.lastIndex = 0;
  if (hasHangul) while ((m = KO_MONTH_DAY.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.7, 'month and day');
  NUMERIC_DATE.lastIndex = 0;
  while ((m = NUMERIC_DATE.exec(text)) !== null) sink.add(m.index, m.index + m[0].replace(/\.$/, '').length, 'DATE', 0.9, 'numeric date');
  const englishDate = (m: RegExpExecArray): void => {
    let start = m.index;
    let value = text.slice(start, start + m[0].length);
    // "the winter of 2013" → "winter of 2013"; a bare "May" without a year or day is a verb or a name.
    const the = /^the\s+/i.exec(value);
    if (the) { start += the[0].length; value = value.slice(the[0].length); }
    if (/^(?:may|march)$/i.test(value)) return;
    if (/^(?:May|March)\s+\d{1,2}$/i.test(value) && /^May/i.test(value) && !/^May\s+\d{1,2}\b/.test(value)) return;
    sink.add(start, start + value.length, 'DATE', 0.9, 'English date');
  };
  if (lower) {
    execAtWords(EN_DATE_LOWER, text, lower, EN_DATE_WORDS, englishDate);
    // Matches from a number start never begin inside a word match, so both sets together are what /g finds.
    NUMBER_START.lastIndex = 0;
    let after = 0;
    while ((m = NUMBER_START.exec(text)) !== null) {
      if (m.index < after) continue;
      EN_DATE_LOWER.lastIndex = m.index;
      const d = EN_DATE_LOWER.exec(lower);
      if (d === null) continue;
      after = d.index + d[0].length;
      NUMBER_START.lastIndex = after;
      englishDate(d);
    }
  } else {
    EN_DATE.lastIndex = 0;
    while ((m = EN_DATE.exec(text)) !== null) englishDate(m);
  }
  BARE_YEAR.lastIndex = 0;
  while ((m = BARE_YEAR.exec(text)) !== null) {
    const before = text.slice(Math.max(0, m.index - 10), m.index);
    if (/(?:No\.?|Unit|Camp|Group|Kwalliso|Kyohwaso|number|#|Room|Route|Highway)\s*$/i.test(before)) continue;
    sink.add(m.index, m.index + 4, 'DATE', 0.75, 'year');
  }
}

// ---------------------------------------------------------------------------------------------
// AGE

const KO_TENS = '(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)';
const KO_UNITS = '(?:하나|한|둘|두|셋|세|석|넷|네|다섯|여섯|일곱|여덟|아홉)';
/** A native Korean number of years, one to ninety-nine, as a pattern fragment: 스물세, 열, 다섯. */
export const KO_NATIVE_NUMBER = `(?:${KO_TENS}${KO_UNITS}?|${KO_UNITS})`;
const KO_NATIVE_AGE = new RegExp(`(?<![\\uac00-\\ud7a3])${KO_NATIVE_NUMBER}\\s?살(?![림았았고면던아기려리자지며펴피해펴렸린])`, 'g');
const KO_TENS_ALONE = new RegExp(`(?<![\\uac00-\\ud7a3])(?:(?:스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)${KO_UNITS}?|열${KO_UNITS})(?=이었|이던|이에요|이야|이고|이오|이지|이라|이요|이세요|이셨|이실|이십니다|이신|이니까|이었는데|이면|부터|까지|요[\\s,.?!]|요$|세요|십니다|이\\s?넘은|\\s(?:때|적|무렵|되던|되어|되자|나던|남짓)(?![\\uac00-\\ud7a3])|\\s(?:때|적)(?:에|부터|까지|였|이었|의|엔|는)|에\\s|에[,.]|에야|이\\s?넘|이\\s?다\\s?된|쯤|을\\s?넘|이\\s?되|인데|이었다|이었어|였|[\\s,.)]*$|\\s?(?:중반|초반|후반|줄|나이)|\\)|,)`, 'gm');
const KO_NUMERIC_AGE = /(?<![\d.,])\d{1,3}\s?(?:살|세(?![대기계상금월력관탁트])|세의)(?=[^\uac00-\ud7a3]|이|에|의|였|이었|때|로|부터|까지|인|쯤|가|는|도|정도|가량|밖|짜리|난|되|된|였|$)/g;
/** Sino-Korean numbers in Hangul with 세 or 살: 이십삼 세, 십칠 세 (a tens word is needed: 일 세 is no age). */
const KO_SINO_AGE = /(?<![\uac00-\ud7a3])[이삼사오육칠팔구]?십[일이삼사오육칠팔구]?\s?(?:세|살)(?=[^\uac00-\ud7a3]|이|에|의|였|이었|때|로|부터|까지|인|쯤|가|는|도|정도|$)/g;
/** A decade of life: 20대 초반, 삼십대 후반, 60대 할머니 (not 제20대 대통령, not 1990년대). */
const KO_DECADE_AGE = /(?<![\d.제])(?:[1-9]0|(?<![\uac00-\ud7a3])[이삼사오육칠팔구]?십)\s?대(?:\s?(?:초반|중반|후반|초|말))?(?![\uac00-\ud7a3]*(?:통령|국회|총선|대선|의원))/g;
const AGE_DIFFERENCE = /^(?:이나|이|이나마|도|가량|정도|쯤)?\s?(?:많|적|어리|어린|위|아래|연상|연하|차이|더|나이차|터울)/;
const EN_NUMBER_WORD =
  '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)';
const EN_AGE_VALUE = `(?:\\d{1,2}|${EN_NUMBER_WORD})`;
const EN_AGED = new RegExp(`\\b(?:aged?:?|age of)\\s+(?:about\\s+|around\\s+|only\\s+|just\\s+)?${EN_AGE_VALUE}\\b`, 'g');
const EN_YEARS_OLD = new RegExp(`\\b${EN_AGE_VALUE}[-\\s]years?[-\\s]old\\b|\\b${EN_AGE_VALUE}-year-old\\b`, 'g');
const EN_AGE_CONTEXT = new RegExp(
  `\\b(was|is|am|turned|turning|at|then|now|be|been|aged)\\s+(?:only\\s+|just\\s+|about\\s+|around\\s+|barely\\s+|nearly\\s+|almost\\s+|already\\s+)?(${EN_AGE_VALUE})\\b(?!\\s*(?:years?(?![-\\s]old)|months?|days?|weeks?|hours?|minutes?|people|persons|men|women|children|kids|of\\b|times|percent|%|km|kilo|yuan|won|dollars|o'clock|am\\b|pm\\b|a\\.m|p\\.m|[:.]\\d|st\\b|nd\\b|rd\\b|th\\b|or\\s+\\d|-year(?!-old)|in the morning|at night|hundred|thousand|million))`,
  'g',
);
const EN_AGED_I = new RegExp(EN_AGED.source, 'gi');
/** A decade of life: "in her late fifties", "in his sixties", "into their early twenties". */
const EN_DECADE_OF_LIFE = /\b(?:in|into)\s(?:his|her|their|my|your|our)\s(?:(?:early|mid|late)[-\s]?)?(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|20s|30s|40s|50s|60s|70s|80s|90s)\b/iy;
const IN_INTO = registerCueWords(['in', 'into']);
/** An age in apposition after a name: "Tae Ok-hui, 54, had been caught", "Sun-yi, only fifteen, stayed" (tried after each ", "). */
const EN_APPOSITIVE_AGE = new RegExp(`(?:only\\s|just\\s|then\\s|now\\s|aged\\s)?(\\d{1,2}|${EN_NUMBER_WORD})(?=,|;|\\)|\\.(?:\\s|$))`, 'y');
const NAME_BEFORE_COMMA = /\b[A-Z][a-z'’]+(?:-[a-z]+)?$|\b(?:son|daughter|brother|sister|boy|girl|child|baby|wife|husband|mother|father|grandmother|grandfather|nephew|niece|cousin|friend)$/;
/** An age before "when": "27 when I came out", "two when we left" (looked for before each " when "). */
const EN_AGE_BEFORE_WHEN = new RegExp(`\\b(\\d{1,2}|${EN_NUMBER_WORD})\\s+$`);
const PERSON_AFTER_WHEN = /^when\s+(?:I|he|she|we|they|my|our|his|her)\b/;
/** "a boy of fifteen", "a woman of about forty": the age of the person named before "of". */
const EN_PERSON_OF_AGE = new RegExp(`(?:boy|girl|child|kid|lad|youth|teenager|woman|man|son|daughter)\\s+(?:of\\s+(?:about\\s+|around\\s+|only\\s+|just\\s+|barely\\s+)?|(?:about|around|nearly|almost|roughly|perhaps|maybe)\\s+)(${EN_AGE_VALUE})\\b(?!\\s*(?:years?(?![-\\s]old)|months?|days?|weeks?|hours?|minutes?|people|men|women|children|%|percent|meters?|metres?|km|kilometres?|kilometers?|miles?|yards?|feet|steps|yuan|won|dollars?|kilos?|kg))`, 'y');
const PERSON_OF_WORDS = registerCueWords(['boy', 'girl', 'child', 'kid', 'lad', 'youth', 'teenager', 'woman', 'man', 'son', 'daughter']);
/** A second guess right after an age: "about twenty, maybe twenty-one", "19 or 20". */
const EN_AGE_ALTERNATIVE = new RegExp(`^,?\\s(?:or|maybe|perhaps|probably|possibly|to)\\s(?:about\\s|around\\s)?(${EN_AGE_VALUE})\\b(?!\\s*(?:years?(?![-\\s]old)|months?|days?|people|%))`, 'i');
const EN_YEARS_OLD_I = new RegExp(EN_YEARS_OLD.source, 'gi');
// Sticky: tried only where one of its first words starts (execAtWords).
const EN_AGE_CONTEXT_AT = new RegExp(EN_AGE_CONTEXT.source, 'y');
const EN_AGE_CONTEXT_AT_I = new RegExp(EN_AGE_CONTEXT.source, 'yi');
const AGE_CONTEXT_WORDS = registerCueWords(['was', 'is', 'am', 'turned', 'turning', 'at', 'then', 'now', 'be', 'been', 'aged']);

export function detectAges(text: string, sink: Sink, hasHangul = /[\uac00-\ud7a3]/.test(text), lower = lowerSameLength(text)): void {
  let m: RegExpExecArray | null;
  if (hasHangul) for (const [re, score, reason] of [
    [KO_NATIVE_AGE, 0.95, 'Korean native-number age'],
    [KO_NUMERIC_AGE, 0.9, 'numeric age'],
    [KO_TENS_ALONE, 0.8, 'Korean age word'],
    [KO_SINO_AGE, 0.85, 'Sino-Korean age'],
    [KO_DECADE_AGE, 0.75, 'decade of life'],
  ] as const) {
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
      // "저보다 스무 살이 많았다" is an age difference, not an age.
      if (AGE_DIFFERENCE.test(after) || /보다\s?$/.test(text.slice(Math.max(0, m.index - 4), m.index))) continue;
      sink.add(m.index, m.index + m[0].length, 'AGE', score, reason);
    }
  }
  const source = lower ?? text;
  const [aged, yearsOld, ageContext] = lower ? [EN_AGED, EN_YEARS_OLD, EN_AGE_CONTEXT_AT] : [EN_AGED_I, EN_YEARS_OLD_I, EN_AGE_CONTEXT_AT_I];
  aged.lastIndex = 0;
  if (source.includes('age')) while ((m = aged.exec(source)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.95, 'aged N');
  yearsOld.lastIndex = 0;
  if (source.includes('year')) while ((m = yearsOld.exec(source)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.95, 'N years old');
  execAtWords(EN_DECADE_OF_LIFE, text, text, IN_INTO, (d) => {
    // The age is the decade itself ("late fifties"), not "in her" before it (annotation guide: the value only).
    const value = /(?:(?:early|mid|late)[-\s]?)?\S+$/i.exec(d[0])![0];
    sink.add(d.index + d[0].length - value.length, d.index + d[0].length, 'AGE', 0.85, 'decade of life');
  });
  for (let at = text.indexOf(', '); at !== -1; at = text.indexOf(', ', at + 2)) {
    EN_APPOSITIVE_AGE.lastIndex = at + 2;
    const a = EN_APPOSITIVE_AGE.exec(text);
    if (a === null || a[1]! === '0' || a[1] === '00' || !NAME_BEFORE_COMMA.test(text.slice(Math.max(0, at - 24), at))) continue;
    const start = a.index + a[0].length - a[1]!.length;
    sink.add(start, start + a[1]!.length, 'AGE', 0.7, 'age after a name');
  }
  for (let at = text.indexOf(' when '); at !== -1; at = text.indexOf(' when ', at + 6)) {
    const w = EN_AGE_BEFORE_WHEN.exec(text.slice(Math.max(0, at - 24), at + 1));
    if (w === null || !PERSON_AFTER_WHEN.test(text.slice(at + 1, at + 12))) continue;
    const n = /^\d+$/.test(w[1]!) ? Number(w[1]) : NaN;
    // "at 5 when we woke" is a time; small ages come with "was", found above.
    if (n < 10 || /^one$/i.test(w[1]!)) continue;
    const start = at + 1 - w[0].length;
    sink.add(start, start + w[1]!.length, 'AGE', 0.7, 'age before "when"');
  }
  execAtWords(EN_PERSON_OF_AGE, text, source, PERSON_OF_WORDS, (m) => {
    const start = m.index + m[0].length - m[1]!.length;
    sink.add(start, start + m[1]!.length, 'AGE', 0.75, 'age after a person word');
  });
  const firstEnglishAge = sink.spans.length;
  execAtWords(ageContext, text, source, AGE_CONTEXT_WORDS, (m) => {
    const context = m[1]!.toLowerCase();
    const value = m[2]!;
    const start = m.index + m[0].length - value.length;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isNaN(n) && (n < 1 || n > 99)) return;
    // "at 3" is a time; "at 17" an age. "was one of" never gets here (of is refused above).
    if (context === 'at' && (!Number.isNaN(n) ? n < 10 : !/teen|ty/i.test(value))) return;
    if (/^one$/i.test(value)) return;
    sink.add(start, start + value.length, 'AGE', context === 'aged' || context === 'turned' ? 0.9 : 0.7, `age after "${m[1]}"`);
  });
  // Only English ages are followed up here; a Korean one ("스물 아니면 스물하나") is rare and has its own words.
  for (let k = firstEnglishAge; k < sink.spans.length; k++) {
    const age = sink.spans[k]!;
    if (age.type !== 'AGE') continue;
    const alt = EN_AGE_ALTERNATIVE.exec(text.slice(age.end, age.end + 30));
    if (alt === null) continue;
    const start = age.end + alt[0].length - alt[1]!.length;
    sink.add(start, start + alt[1]!.length, 'AGE', 0.7, 'second guess at an age');
  }
}
