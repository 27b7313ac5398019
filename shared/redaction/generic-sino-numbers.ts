/**
 * DATE and AGE written in Sino-Korean number words, and ages after a sex marker in parentheses.
 *
 * - Years: 구십칠 년, 이천십 년 겨울, 천구백육십이 년생, 팔십구 년에. The evidence is the number's form: a
 *   four-digit year from 1900 to 2099 (천구백…, 이천…) or a two-digit year 50–99 with its unit (구십칠),
 *   which no count of years in testimony reaches; "십 년 동안" (ten years) and "팔십 년 동안" (a span)
 *   are durations, and a duration word after the year keeps it out.
 * - Ages: "(F, 29)", "(여, 41)", "(남 52세)": a sex marker and a number in one bracket is a person's age;
 *   native Korean tens with a verb of passing or reaching right after (마흔 좀 넘었어요, 서른쯤 돼 보였다):
 *   a count needs its counter (서른 명이 넘었다), so a bare tens word before 넘다/되다 is an age.
 *
 * Prefilter: the year pattern runs only when the text has "년", the tens pattern only when it has a tens
 * word, the bracket pattern only when it has "(".
 */
import type { Sink } from './scan';

const DIGIT: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 륙: 6, 칠: 7, 팔: 8, 구: 9 };
const D = '[일이삼사오육륙칠팔구]';
/** 천구백육십이, 이천십, 이천이십삼, 구십칠, 팔십구: the number before 년. */
const SINO_YEAR = new RegExp(
  `(?<![\\uac00-\\ud7a3])((?:천구백|일천구백|이천)(?:${D}?십)?${D}?|${D}십${D}?) ?년(?: ?(?:${D}|십|십일|십이|시|유)월| ?(?:봄|여름|가을|겨울|초|말))?(?!\\s?(?:동안|간|만에|째|이상|넘게|가까이|전|후|뒤|이 지|가 지|이나|쯤 전))`,
  'g',
);

/** The value of a Sino-Korean number of at most four digits, or NaN when it is not one. */
export function sinoKoreanValue(word: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of word) {
    if (ch in DIGIT) {
      if (digit !== 0) return NaN;
      digit = DIGIT[ch]!;
    } else if (ch === '십' || ch === '백' || ch === '천') {
      total += (digit || 1) * (ch === '십' ? 10 : ch === '백' ? 100 : 1000);
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

const NATIVE_TENS_PAST = /(?<![\uac00-\ud7a3])(?:스물|서른|마흔|쉰|예순|일흔|여든|아흔)(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)?(?=(?: 좀| 조금| 훨씬| 막| 갓| 다)?(?:이|가|은|도)? ?(?:넘었|넘은|넘어|넘는|넘게|넘긴|넘겼|됐|된|돼|되었|되던|쯤 돼|쯤 되|쯤 된|쯤으로|정도 돼|정도 되|정도 된|정도로|가까이|가까운|다 돼|다 된|다 됐)(?![\uac00-\ud7a3]*\s?(?:명|개|마리|군데|가구|집|대|채)))/g;
const NATIVE_CUE = /스물|서른|마흔|쉰|예순|일흔|여든|아흔/;

const SEX_AGE = /\((?:F|M|f|m|female|male|Female|Male|여|남|여성|남성)\s?[,/]\s?(\d{1,2}(?:세|살)?)\)/g;

export function detectSinoKoreanDatesAndAges(text: string, sink: Sink, hasHangul: boolean): void {
  let m: RegExpExecArray | null;
  if (hasHangul && text.includes('년')) {
    SINO_YEAR.lastIndex = 0;
    while ((m = SINO_YEAR.exec(text)) !== null) {
      const value = sinoKoreanValue(m[1]!);
      const fourDigit = m[1]!.includes('천');
      // A two-digit year needs its unit digit or a decade of living memory (팔십 년, 구십 년) to be a year.
      if (fourDigit ? value < 1900 || value > 2099 : value < 50 || value > 99 || (value % 10 === 0 && value < 80)) continue;
      sink.add(m.index, m.index + m[0].length, 'DATE', 0.85, 'year in Sino-Korean number words');
    }
  }
  if (hasHangul && NATIVE_CUE.test(text)) {
    NATIVE_TENS_PAST.lastIndex = 0;
    while ((m = NATIVE_TENS_PAST.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'AGE', 0.8, 'native Korean tens before "넘다" or "되다"');
  }
  if (text.includes('(')) {
    SEX_AGE.lastIndex = 0;
    while ((m = SEX_AGE.exec(text)) !== null) {
      const start = m.index + m[0].indexOf(m[1]!, 2);
      sink.add(start, start + m[1]!.length, 'AGE', 0.85, 'number after a sex marker in brackets');
    }
  }
}
