/**
 * Extended Date/Time Format (EDTF, ISO 8601-2), levels 0 and 1, dates only (no times).
 *
 * Testimony dates are rarely exact ("the spring after the flood", "around 1997"), so records store
 * them as EDTF strings and this module turns them into bounds for searching and faceting:
 *
 *   2011            a year                  2011-03         a month        2011-03-05   a day
 *   2011-21..24     spring, summer, autumn, winter of 2011
 *   2011?  2011~  2011%    uncertain, approximate, both (the qualifier applies to the whole date)
 *   198X  19XX      a decade, a century     2011-XX  2011-03-XX  2011-XX-XX   unknown month/day
 *   2009/2011       an interval; "2009/.." open end, "../2011" open start,
 *                   "2009/" unknown end, "/2011" unknown start
 *
 * Seasons follow the northern-hemisphere meteorological reading: spring is March–May, summer
 * June–August, autumn September–November, winter December to February of the next year.
 */
import { z } from 'zod';

export type EdtfPrecision = 'day' | 'month' | 'season' | 'year' | 'decade' | 'century';
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** A single date, possibly qualified or with unspecified digits. */
export interface EdtfDate {
  kind: 'date';
  /** The string as parsed. */
  text: string;
  precision: EdtfPrecision;
  /** Year digits as known: 2011, or for 198X the first year of the range (1980). */
  year: number;
  /** 1–12 when known. */
  month?: number;
  day?: number;
  season?: Season;
  /** True when the month or day was written as XX. */
  unspecifiedParts: boolean;
  /** Bounds of what the date could mean, as ISO calendar dates (YYYY-MM-DD). */
  earliest: string;
  latest: string;
  yearFrom: number;
  yearTo: number;
  uncertain: boolean;
  approximate: boolean;
}

/** An end of an interval that is not a date: ".." (open, no bound) or empty (unknown). */
export interface EdtfOpenEnd {
  kind: 'open';
}
export interface EdtfUnknownEnd {
  kind: 'unknown';
}
export type EdtfEndpoint = EdtfDate | EdtfOpenEnd | EdtfUnknownEnd;

export interface EdtfInterval {
  kind: 'interval';
  text: string;
  start: EdtfEndpoint;
  end: EdtfEndpoint;
  /** null where that end is open or unknown. */
  earliest: string | null;
  latest: string | null;
  yearFrom: number | null;
  yearTo: number | null;
  uncertain: boolean;
  approximate: boolean;
}

export type EdtfValue = EdtfDate | EdtfInterval;
export type EdtfParseResult = { ok: true; value: EdtfValue } | { ok: false; error: string };

const SEASONS: Record<number, Season> = { 21: 'spring', 22: 'summer', 23: 'autumn', 24: 'winter' };
const MONTH_NAMES_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const MAX_LENGTH = 64;

const HINT = 'write e.g. 2011-03-05, 2011-03, 2011, 2011~ (around), 2011? (uncertain), 2011-21 (spring), 198X or 2009/2011';

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses an EDTF level 0/1 date or interval. Never throws; invalid input gives a message for the user. */
export function parseEdtf(input: string): EdtfParseResult {
  if (typeof input !== 'string') return fail('a date must be text, e.g. "2011-03"');
  if (input.length === 0) return fail('the date is empty');
  if (input.length > MAX_LENGTH) return fail(`a date is at most ${MAX_LENGTH} characters`);
  if (/\s/.test(input)) return fail(`"${input}" contains spaces; ${HINT}`);
  if (input.includes('T')) return fail(`"${input}": times of day are not supported, give the date only`);

  const slashes = input.split('/').length - 1;
  if (slashes > 1) return fail(`"${input}" has more than one "/"; an interval is written start/end, e.g. 2009/2011`);
  if (slashes === 0) {
    const date = parseDate(input);
    return 'error' in date ? fail(date.error) : { ok: true, value: date };
  }

  const [startText, endText] = input.split('/') as [string, string];
  const start = parseEndpoint(startText);
  if ('error' in start) return fail(start.error);
  const end = parseEndpoint(endText);
  if ('error' in end) return fail(end.error);
  if (start.kind !== 'date' && end.kind !== 'date') {
    return fail(`"${input}": an interval needs a date at one end at least, e.g. 2009/.. or ../2011`);
  }
  if (start.kind === 'date' && end.kind === 'date' && start.earliest > end.latest) {
    return fail(`${input}: the interval ends before it starts`);
  }
  const value: EdtfInterval = {
    kind: 'interval',
    text: input,
    start,
    end,
    earliest: start.kind === 'date' ? start.earliest : null,
    latest: end.kind === 'date' ? end.latest : null,
    yearFrom: start.kind === 'date' ? start.yearFrom : null,
    yearTo: end.kind === 'date' ? end.yearTo : null,
    uncertain: (start.kind === 'date' && start.uncertain) || (end.kind === 'date' && end.uncertain),
    approximate: (start.kind === 'date' && start.approximate) || (end.kind === 'date' && end.approximate),
  };
  return { ok: true, value };
}

/** True if the string is a valid EDTF level 0/1 date or interval. */
export function isValidEdtf(input: string): boolean {
  return parseEdtf(input).ok;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function parseEndpoint(text: string): EdtfEndpoint | { error: string } {
  if (text === '..') return { kind: 'open' };
  if (text === '') return { kind: 'unknown' };
  return parseDate(text);
}

const DATE_SHAPE = /^([0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?([?~%])?$/;

function parseDate(text: string): EdtfDate | { error: string } {
  if (/^[-+]?Y|^-/.test(text)) return { error: `"${text}": years before 0000 or after 9999 are not supported` };
  if (/x/.test(text)) return { error: `"${text}": write unknown digits as a capital X, e.g. 198X or 2011-XX` };
  const match = DATE_SHAPE.exec(text);
  if (!match) return { error: `"${text}" is not a date in EDTF form; ${HINT}` };
  const [, yearText, monthText, dayText, qualifier] = match as unknown as [string, string, string | undefined, string | undefined, string | undefined];

  // Level 1 allows unknown digits only at the end of the year, and then nothing after it.
  const yearMatch = /^([0-9]{2,4})(X{0,2})$/.exec(yearText);
  if (!yearMatch) return { error: `${text}: only the last one or two digits of a year may be X (198X, 19XX)` };
  const unknownYearDigits = yearMatch[2]!.length;
  if (unknownYearDigits > 0 && monthText !== undefined) {
    return { error: `${text}: a month or day cannot follow a year with unknown digits; write ${yearText}` };
  }
  const year = Number(yearText.replace(/X/g, '0'));
  const uncertain = qualifier === '?' || qualifier === '%';
  const approximate = qualifier === '~' || qualifier === '%';
  const base = { kind: 'date' as const, text, year, uncertain, approximate, unspecifiedParts: false };

  if (unknownYearDigits > 0) {
    const span = 10 ** unknownYearDigits;
    return {
      ...base,
      precision: unknownYearDigits === 1 ? 'decade' : 'century',
      ...yearBounds(year, year + span - 1),
    };
  }
  if (monthText === undefined) return { ...base, precision: 'year', ...yearBounds(year, year) };

  if (monthText === 'XX') {
    if (dayText !== undefined && dayText !== 'XX') {
      return { error: `${text}: a day cannot be given when the month is unknown (XX)` };
    }
    return { ...base, precision: 'year', unspecifiedParts: true, ...yearBounds(year, year) };
  }
  if (monthText.includes('X')) return { error: `${text}: a month is either two digits or XX` };
  const month = Number(monthText);

  if (month >= 21 && month <= 24) {
    if (dayText !== undefined) return { error: `${text}: a season (${monthText}) cannot have a day` };
    const season = SEASONS[month]!;
    const [earliest, latest] = seasonBounds(year, month);
    return {
      ...base,
      precision: 'season',
      season,
      earliest,
      latest,
      yearFrom: year,
      yearTo: Number(latest.slice(0, 4)),
    };
  }
  if (month < 1 || month > 12) {
    const hint = month > 12 && month < 21 ? '' : ' (months are 01–12, seasons 21–24)';
    return { error: `${yearText}-${monthText} has no month ${month}${hint}` };
  }
  const lastDay = daysInMonth(year, month);
  const monthBounds = { earliest: isoDate(year, month, 1), latest: isoDate(year, month, lastDay), yearFrom: year, yearTo: year };
  if (dayText === undefined) return { ...base, precision: 'month', month, ...monthBounds };
  if (dayText === 'XX') return { ...base, precision: 'month', month, unspecifiedParts: true, ...monthBounds };
  if (dayText.includes('X')) return { error: `${text}: a day is either two digits or XX` };
  const day = Number(dayText);
  if (day < 1 || day > lastDay) {
    const why =
      month === 2 && day === 29 ? ` (${year} is not a leap year)` : ` (${MONTH_NAMES_EN[month - 1]} has ${lastDay} days)`;
    return { error: `${yearText}-${monthText}-${dayText} has no day ${day}${day >= 1 && day <= 31 ? why : ''}` };
  }
  const iso = isoDate(year, month, day);
  return { ...base, precision: 'day', month, day, earliest: iso, latest: iso, yearFrom: year, yearTo: year };
}

function yearBounds(from: number, to: number) {
  return { earliest: isoDate(from, 1, 1), latest: isoDate(to, 12, 31), yearFrom: from, yearTo: to };
}

function seasonBounds(year: number, code: number): [string, string] {
  switch (code) {
    case 21:
      return [isoDate(year, 3, 1), isoDate(year, 5, 31)];
    case 22:
      return [isoDate(year, 6, 1), isoDate(year, 8, 31)];
    case 23:
      return [isoDate(year, 9, 1), isoDate(year, 11, 30)];
    default:
      // Winter runs into the next year; year 9999 has no next year to run into.
      return year >= 9999 ? [isoDate(year, 12, 1), isoDate(year, 12, 31)] : [isoDate(year, 12, 1), isoDate(year + 1, 2, daysInMonth(year + 1, 2))];
  }
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Human reading

const SEASON_LABELS: Record<Season, { en: string; ko: string }> = {
  spring: { en: 'spring', ko: '봄' },
  summer: { en: 'summer', ko: '여름' },
  autumn: { en: 'autumn', ko: '가을' },
  winter: { en: 'winter', ko: '겨울' },
};

/**
 * A reading for people: formatEdtf('2009~', 'en') → "around 2009", 'ko' → "2009년경";
 * '2011-21' → "spring 2011" / "2011년 봄". Invalid input is returned as it is (display must not fail).
 */
export function formatEdtf(value: string | EdtfValue, language: 'ko' | 'en'): string {
  let parsed: EdtfValue;
  if (typeof value === 'string') {
    const result = parseEdtf(value);
    if (!result.ok) return value;
    parsed = result.value;
  } else {
    parsed = value;
  }
  if (parsed.kind === 'date') return language === 'ko' ? formatDateKo(parsed) : formatDateEn(parsed);
  return language === 'ko' ? formatIntervalKo(parsed) : formatIntervalEn(parsed);
}

function formatDateEn(date: EdtfDate): string {
  let core: string;
  let note = '';
  switch (date.precision) {
    case 'day':
      core = `${date.day} ${MONTH_NAMES_EN[date.month! - 1]} ${date.year}`;
      break;
    case 'month':
      core = `${MONTH_NAMES_EN[date.month! - 1]} ${date.year}`;
      if (date.unspecifiedParts) note = ' (day unknown)';
      break;
    case 'season':
      core = `${SEASON_LABELS[date.season!].en} ${date.year}`;
      break;
    case 'decade':
    case 'century':
      core = `the ${date.year}s`;
      break;
    default:
      core = String(date.year);
      if (date.unspecifiedParts) note = date.text.split('-').length > 2 ? ' (month and day unknown)' : ' (month unknown)';
  }
  if (date.approximate) core = `around ${core}`;
  return `${core}${note}${date.uncertain ? ' (uncertain)' : ''}`;
}

function formatDateKo(date: EdtfDate): string {
  let core: string;
  let note = '';
  // 경 after a year, month or day ("2009년경"); 무렵 after a season or decade reads better.
  let approx = '경';
  switch (date.precision) {
    case 'day':
      core = `${date.year}년 ${date.month}월 ${date.day}일`;
      break;
    case 'month':
      core = `${date.year}년 ${date.month}월`;
      if (date.unspecifiedParts) note = ' (일 미상)';
      break;
    case 'season':
      core = `${date.year}년 ${SEASON_LABELS[date.season!].ko}`;
      approx = ' 무렵';
      break;
    case 'decade':
    case 'century':
      core = `${date.year}년대`;
      approx = ' 무렵';
      break;
    default:
      core = `${date.year}년`;
      if (date.unspecifiedParts) note = date.text.split('-').length > 2 ? ' (월일 미상)' : ' (월 미상)';
  }
  if (date.approximate) core += approx;
  return `${core}${note}${date.uncertain ? ' (불확실)' : ''}`;
}

function formatIntervalEn(interval: EdtfInterval): string {
  const { start, end } = interval;
  if (start.kind === 'date' && end.kind === 'date') return `${formatDateEn(start)} to ${formatDateEn(end)}`;
  if (start.kind === 'date') return end.kind === 'open' ? `from ${formatDateEn(start)} onwards` : `from ${formatDateEn(start)} to an unknown date`;
  if (end.kind === 'date') return start.kind === 'open' ? `until ${formatDateEn(end)}` : `from an unknown date to ${formatDateEn(end)}`;
  return interval.text;
}

function formatIntervalKo(interval: EdtfInterval): string {
  const { start, end } = interval;
  if (start.kind === 'date' && end.kind === 'date') return `${formatDateKo(start)}부터 ${formatDateKo(end)}까지`;
  if (start.kind === 'date') return end.kind === 'open' ? `${formatDateKo(start)}부터` : `${formatDateKo(start)}부터 (끝난 시점 미상)`;
  if (end.kind === 'date') return start.kind === 'open' ? `${formatDateKo(end)}까지` : `(시작 시점 미상) ${formatDateKo(end)}까지`;
  return interval.text;
}

// ---------------------------------------------------------------------------------------------
// Zod schemas

/** Any EDTF level 0/1 date or interval; the message of an invalid one says what is wrong. */
export const EdtfString = z
  .string()
  .max(MAX_LENGTH)
  .superRefine((text, ctx) => {
    const result = parseEdtf(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error });
  })
  .meta({ description: 'An EDTF (ISO 8601-2) level 0/1 date or interval: 2011, 2011-03-05, 2011-21 (spring), 2011~, 198X, 2009/2011' });

/** A single, exact calendar day (YYYY-MM-DD), e.g. the day consent was given. */
export const EdtfDayString = z
  .string()
  .max(MAX_LENGTH)
  .superRefine((text, ctx) => {
    const result = parseEdtf(text);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error });
    else if (result.value.kind !== 'date' || result.value.precision !== 'day' || result.value.uncertain || result.value.approximate) {
      ctx.addIssue({ code: 'custom', message: `${text}: give the exact day, e.g. 2024-03-15` });
    }
  })
  .meta({ description: 'An exact calendar date, YYYY-MM-DD' });
