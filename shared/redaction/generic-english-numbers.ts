/**
 * DATE, AGE and ID by the English words around a number, for forms the date, age and ID rules do not
 * take whole:
 * - dates written month first: "9/14/2009";
 * - a part of a day before a date: "night of 9/14/2009" (as "spring of 2014" is one date; the article
 *   stays outside, as in ANNOTATION.md's example);
 * - a year with an apostrophe after a word of time: "in '97", "not '97", "since '03";
 * - an age hedged after "of": "a girl of maybe fifteen", "a man of about forty";
 * - an age said with "now" or "this year": "she is twenty-three now";
 * - a number after "number," or "numbered": "It was a number, 84-117", "a cell numbered 12".
 */
import type { Sink } from './scan';

/** Before a date: "night of", "morning of" (a part of a day is part of the date). */
const PART_OF_DAY_BEFORE = /(?:night|morning|evening|afternoon|eve|dawn) of $/;
/** Month first, as Americans write it: 9/14/2009, 9-14-2009 (day first is the date rules' reading). */
const MONTH_FIRST = /\b(1[0-2]|0?[1-9])([/-])(1[3-9]|2[0-9]|3[01])\2((?:19|20)[0-9]{2})\b/g;
/** An apostrophe year, found by its own shape first: the word before it is checked only there. */
const APOSTROPHE_YEAR = /(?<![A-Za-z0-9])['’][0-9]{2}(?![0-9'’])/g;
const TIME_WORD_BEFORE = /(?:^|[^A-Za-z])(?:in|of|since|until|till|from|to|by|not|or|and|late|early|mid|summer|winter|spring|autumn|fall|the|around|before|after)\s+$/i;
const NUMBER_WORDS = '(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|ten|eleven|twelve|[1-9][0-9]?)';
const HEDGED_CUE = / of (?:maybe|about|around|perhaps|roughly|nearly|almost|barely|just|only|some) /;
const HEDGED_AGE = new RegExp(`\\b(?:girl|boy|man|woman|child|kid|lad|person|widow|soldier|guard)\\s+of\\s+(?:maybe|about|around|perhaps|roughly|nearly|almost|barely|just|only|some)\\s+(${NUMBER_WORDS})\\b`, 'g');
/** Checked backwards from each " now" / " this year": the verb and the number right before it. */
const AGE_BEFORE_NOW = new RegExp(`(?:^|\\s)(?:is|was|turned|turns|will be)\\s+(?:about\\s+|almost\\s+|nearly\\s+)?(${NUMBER_WORDS})$`);
const NUMBER_AFTER = /\b(?:number,|number:|numbered|number was|number is)\s+(\d[\d/-]{0,14}\d|\d)\b/gi;

export function detectEnglishNumbers(text: string, sink: Sink): void {
  if (/[0-9][/-][0-9]/.test(text)) {
    MONTH_FIRST.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MONTH_FIRST.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'DATE', 0.8, 'month-first numeric date');
  }
  partOfDayBeforeDates(text, sink);
  if (text.includes("'") || text.includes('’')) apostropheYears(text, sink);
  if (HEDGED_CUE.test(text)) add(text, sink, HEDGED_AGE, 'AGE', 'hedged age after "of"');
  for (const cue of [' now', ' this year']) {
    for (let at = text.indexOf(cue); at !== -1; at = text.indexOf(cue, at + 1)) {
      const after = text.charCodeAt(at + cue.length);
      if ((after >= 97 && after <= 122) || (after >= 65 && after <= 90)) continue;
      const m = AGE_BEFORE_NOW.exec(text.slice(Math.max(0, at - 40), at));
      if (m) sink.add(at - m[1]!.length, at, 'AGE', 0.75, 'age said with "now"');
    }
  }
  if (/number/i.test(text)) add(text, sink, NUMBER_AFTER, 'ID', 'number after "number"');
}

/** "My number is 010-2231-4456": a phone number is the phone rule's (a CONTACT), not a record number. */
function phoneShaped(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 9 && value.startsWith('0');
}

function add(text: string, sink: Sink, re: RegExp, type: 'DATE' | 'AGE' | 'ID', reason: string): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (type === 'ID' && phoneShaped(m[1]!)) continue;
    const at = m.index + m[0].lastIndexOf(m[1]!);
    sink.add(at, at + m[1]!.length, type, 0.75, reason);
  }
}

function apostropheYears(text: string, sink: Sink): void {
  APOSTROPHE_YEAR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = APOSTROPHE_YEAR.exec(text)) !== null) {
    if (TIME_WORD_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) sink.add(m.index, m.index + 3, 'DATE', 0.75, 'year with an apostrophe');
  }
}

function partOfDayBeforeDates(text: string, sink: Sink): void {
  const extra: Array<[number, number]> = [];
  for (const span of sink.spans) {
    if (span.type !== 'DATE' || span.start < 4) continue;
    const part = PART_OF_DAY_BEFORE.exec(text.slice(Math.max(0, span.start - 20), span.start));
    if (part) extra.push([span.start - part[0].length, span.end]);
  }
  for (const [start, end] of extra) sink.add(start, end, 'DATE', 0.9, 'part of a day before a date');
}
