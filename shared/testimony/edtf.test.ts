import { describe, expect, it } from 'vitest';
import { EdtfDayString, EdtfString, formatEdtf, isLeapYear, parseEdtf, type EdtfDate, type EdtfInterval } from './edtf';

function date(text: string): EdtfDate {
  const result = parseEdtf(text);
  if (!result.ok) throw new Error(result.error);
  if (result.value.kind !== 'date') throw new Error('not a date');
  return result.value;
}

function interval(text: string): EdtfInterval {
  const result = parseEdtf(text);
  if (!result.ok) throw new Error(result.error);
  if (result.value.kind !== 'interval') throw new Error('not an interval');
  return result.value;
}

function error(text: string): string {
  const result = parseEdtf(text);
  if (result.ok) throw new Error(`${text} was accepted`);
  return result.error;
}

describe('parseEdtf: level 0', () => {
  it('reads a year, a month and a day with their bounds', () => {
    expect(date('2011')).toMatchObject({ precision: 'year', earliest: '2011-01-01', latest: '2011-12-31', yearFrom: 2011, yearTo: 2011 });
    expect(date('2011-02')).toMatchObject({ precision: 'month', month: 2, earliest: '2011-02-01', latest: '2011-02-28' });
    expect(date('2012-02')).toMatchObject({ latest: '2012-02-29' });
    expect(date('2011-03-05')).toMatchObject({ precision: 'day', day: 5, earliest: '2011-03-05', latest: '2011-03-05' });
    expect(date('2011').uncertain).toBe(false);
    expect(date('2011').approximate).toBe(false);
  });

  it('reads intervals between dates', () => {
    expect(interval('2009/2011-06')).toMatchObject({ earliest: '2009-01-01', latest: '2011-06-30', yearFrom: 2009, yearTo: 2011 });
  });

  it('knows leap years', () => {
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2012)).toBe(true);
    expect(date('2000-02-29').earliest).toBe('2000-02-29');
    expect(date('2012-02-29').earliest).toBe('2012-02-29');
  });
});

describe('parseEdtf: level 1', () => {
  it('reads qualifiers', () => {
    expect(date('2009?')).toMatchObject({ uncertain: true, approximate: false });
    expect(date('2009~')).toMatchObject({ uncertain: false, approximate: true });
    expect(date('2009-06%')).toMatchObject({ uncertain: true, approximate: true, precision: 'month' });
  });

  it('reads seasons', () => {
    expect(date('2011-21')).toMatchObject({ season: 'spring', earliest: '2011-03-01', latest: '2011-05-31' });
    expect(date('2011-22')).toMatchObject({ season: 'summer', earliest: '2011-06-01', latest: '2011-08-31' });
    expect(date('2011-23')).toMatchObject({ season: 'autumn', earliest: '2011-09-01', latest: '2011-11-30' });
    expect(date('2011-24')).toMatchObject({ season: 'winter', earliest: '2011-12-01', latest: '2012-02-29', yearFrom: 2011, yearTo: 2012 });
    expect(date('2011-21~')).toMatchObject({ season: 'spring', approximate: true });
  });

  it('reads unspecified digits', () => {
    expect(date('198X')).toMatchObject({ precision: 'decade', earliest: '1980-01-01', latest: '1989-12-31', yearFrom: 1980, yearTo: 1989 });
    expect(date('19XX')).toMatchObject({ precision: 'century', yearFrom: 1900, yearTo: 1999 });
    expect(date('2009-XX')).toMatchObject({ precision: 'year', unspecifiedParts: true, earliest: '2009-01-01', latest: '2009-12-31' });
    expect(date('1985-04-XX')).toMatchObject({ precision: 'month', unspecifiedParts: true, earliest: '1985-04-01', latest: '1985-04-30' });
    expect(date('1985-XX-XX')).toMatchObject({ precision: 'year', unspecifiedParts: true });
  });

  it('reads open and unknown interval ends', () => {
    const open = interval('2009/..');
    expect(open.end.kind).toBe('open');
    expect(open).toMatchObject({ earliest: '2009-01-01', latest: null, yearFrom: 2009, yearTo: null });
    expect(interval('../2011')).toMatchObject({ earliest: null, latest: '2011-12-31' });
    expect(interval('2009-05/').end.kind).toBe('unknown');
    expect(interval('/2011').start.kind).toBe('unknown');
    expect(interval('2009~/2011?')).toMatchObject({ approximate: true, uncertain: true });
  });
});

describe('parseEdtf: invalid input', () => {
  it.each([
    ['2011-13', '2011-13 has no month 13'],
    ['2011-00', 'has no month 0'],
    ['2011-25', 'has no month 25 (months are 01–12, seasons 21–24)'],
    ['2011-02-29', '2011-02-29 has no day 29 (2011 is not a leap year)'],
    ['2011-04-31', '2011-04-31 has no day 31 (April has 30 days)'],
    ['2011-01-00', 'has no day 0'],
    ['2011-01-32', 'has no day 32'],
    ['1900-02-29', 'not a leap year'],
    ['2011/2009', 'ends before it starts'],
    ['../..', 'needs a date at one end'],
    ['/', 'needs a date at one end'],
    ['2009/2010/2011', 'more than one "/"'],
    ['31/12/2011', 'more than one "/"'],
    ['2011-3-5', 'not a date in EDTF form'],
    ['March 2011', 'contains spaces'],
    ['', 'empty'],
    ['198x', 'capital X'],
    ['1XXX', 'last one or two digits'],
    ['198X-05', 'cannot follow a year with unknown digits'],
    ['2011-XX-05', 'month is unknown'],
    ['2011-21-05', 'season (21) cannot have a day'],
    ['2011-0X', 'either two digits or XX'],
    ['-0100', 'not supported'],
    ['Y170000002', 'not supported'],
    ['2011-03-05T10:00', 'times of day'],
    ['2011??', 'not a date in EDTF form'],
  ])('%s', (text, message) => {
    expect(error(text)).toContain(message);
  });
});

describe('formatEdtf', () => {
  it.each([
    ['2009', '2009', '2009년'],
    ['2009~', 'around 2009', '2009년경'],
    ['2009?', '2009 (uncertain)', '2009년 (불확실)'],
    ['2009%', 'around 2009 (uncertain)', '2009년경 (불확실)'],
    ['2011-21', 'spring 2011', '2011년 봄'],
    ['2011-24~', 'around winter 2011', '2011년 겨울 무렵'],
    ['2011-03', 'March 2011', '2011년 3월'],
    ['2011-03-05', '5 March 2011', '2011년 3월 5일'],
    ['2011-03-05~', 'around 5 March 2011', '2011년 3월 5일경'],
    ['198X', 'the 1980s', '1980년대'],
    ['2009-XX', '2009 (month unknown)', '2009년 (월 미상)'],
    ['1985-04-XX', 'April 1985 (day unknown)', '1985년 4월 (일 미상)'],
    ['2009/2011', '2009 to 2011', '2009년부터 2011년까지'],
    ['2009/..', 'from 2009 onwards', '2009년부터'],
    ['../2011', 'until 2011', '2011년까지'],
    ['2009/', 'from 2009 to an unknown date', '2009년부터 (끝난 시점 미상)'],
    ['/2011', 'from an unknown date to 2011', '(시작 시점 미상) 2011년까지'],
  ])('%s', (text, en, ko) => {
    expect(formatEdtf(text, 'en')).toBe(en);
    expect(formatEdtf(text, 'ko')).toBe(ko);
  });

  it('returns invalid input unchanged', () => {
    expect(formatEdtf('sometime', 'en')).toBe('sometime');
  });
});

describe('zod schemas', () => {
  it('EdtfString accepts valid dates and explains invalid ones', () => {
    expect(EdtfString.safeParse('2011-21').success).toBe(true);
    const result = EdtfString.safeParse('2011-13');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('2011-13 has no month 13');
  });

  it('EdtfDayString requires an exact day', () => {
    expect(EdtfDayString.safeParse('2024-03-15').success).toBe(true);
    expect(EdtfDayString.safeParse('2024-03').error?.issues[0]?.message).toContain('give the exact day');
    expect(EdtfDayString.safeParse('2024-03-15~').success).toBe(false);
    expect(EdtfDayString.safeParse('2024-02-30').success).toBe(false);
  });
});
