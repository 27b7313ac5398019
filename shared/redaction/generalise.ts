/**
 * Generalisation: replacing an identifying value by a coarser one that many people share.
 * A date becomes its year or decade, an age its band ("20대", "in their twenties"), a city or
 * county its province (via the gazetteer), a named camp or prison the kind of facility. Where a
 * value cannot be generalised safely (no year in the date, a place the gazetteer does not know),
 * the functions return undefined and the caller falls back to a placeholder: never to the original.
 */
import { facilities, facilityNames, getPlace, isNkPlace, nkPlaces, borderPlaces, placeLabel, placeNames, provinceOf, type Facility, type Place } from '../gazetteer/index';
import { parseEdtf, type EdtfDate } from '../testimony/edtf';
import { searchKey } from '../text/korean';
import type { TextLanguage } from './text-fields';

export type DateLevel = 'year' | 'decade';
export type YearLevel = 'band5' | 'decade';

// ---------------------------------------------------------------------------------------------
// Dates in text

/** "2009년 3월 5일" → "2009년"; "March 5, 2009" → "2009"; decade: "2000년대" / "the 2000s". */
export function generaliseDateText(surface: string, level: DateLevel, language: TextLanguage): string | undefined {
  const match = /(?<!\d)(1[89]\d{2}|20\d{2})(?!\d)/.exec(surface);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (level === 'decade') {
    const decade = year - (year % 10);
    return language === 'ko' ? `${decade}년대` : `the ${decade}s`;
  }
  return language === 'ko' ? `${year}년` : String(year);
}

// ---------------------------------------------------------------------------------------------
// Ages

const NATIVE_TENS: Record<string, number> = { 열: 10, 스물: 20, 스무: 20, 서른: 30, 마흔: 40, 쉰: 50, 예순: 60, 일흔: 70, 여든: 80, 아흔: 90 };
const NATIVE_UNITS: Record<string, number> = {
  한: 1, 하나: 1, 두: 2, 둘: 2, 세: 3, 셋: 3, 석: 3, 서: 3, 네: 4, 넷: 4, 너: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9,
};
const SINO_DIGITS: Record<string, number> = { 일: 1, 이: 2, 삼: 3, 사: 4, 오: 5, 육: 6, 륙: 6, 칠: 7, 팔: 8, 구: 9 };
const EN_UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const EN_DECADE_WORDS: Record<number, string> = { 10: 'teens', 20: 'twenties', 30: 'thirties', 40: 'forties', 50: 'fifties', 60: 'sixties', 70: 'seventies', 80: 'eighties', 90: 'nineties' };

/** The age a span states, in years: "23살", "스물세 살", "이십삼 세", "twenty-three", "aged 23". */
export function parseAge(surface: string): number | undefined {
  const digits = /(?<!\d)(\d{1,3})(?!\d)/.exec(surface);
  if (digits) return Number(digits[1]);
  const compact = surface.replace(/\s+/g, '');
  const native = new RegExp(`(${Object.keys(NATIVE_TENS).join('|')})?(${Object.keys(NATIVE_UNITS).sort((a, b) => b.length - a.length).join('|')})?(?=살)`).exec(compact);
  if (native && (native[1] || native[2])) return (native[1] ? NATIVE_TENS[native[1]]! : 0) + (native[2] ? NATIVE_UNITS[native[2]]! : 0);
  const sino = /([일이삼사오육륙칠팔구])?(십)?([일이삼사오육륙칠팔구])?(?=세|살)/.exec(compact);
  if (sino && (sino[2] || sino[3])) {
    const tens = sino[2] ? (sino[1] ? SINO_DIGITS[sino[1]]! : 1) * 10 : 0;
    const units = sino[3] ? SINO_DIGITS[sino[3]]! : sino[2] ? 0 : sino[1] ? SINO_DIGITS[sino[1]]! : 0;
    return tens + units;
  }
  const lower = surface.toLowerCase();
  const en = new RegExp(`\\b(?:(${Object.keys(EN_TENS).join('|')})(?:[-\\s](${Object.keys(EN_UNITS).slice(0, 9).join('|')}))?|(${Object.keys(EN_UNITS).join('|')}))\\b`).exec(lower);
  if (en) return en[1] ? EN_TENS[en[1]]! + (en[2] ? EN_UNITS[en[2]]! : 0) : EN_UNITS[en[3]!]!;
  return undefined;
}

/** An age band: 23 → "20대" / "in their twenties"; under ten → "10세 미만" / "under ten". */
export function ageBand(age: number, language: TextLanguage): string {
  if (age < 10) return language === 'ko' ? '10세 미만' : 'under ten';
  const decade = Math.min(age - (age % 10), 90);
  return language === 'ko' ? `${decade}대` : `in their ${EN_DECADE_WORDS[decade]}`;
}

export function generaliseAgeText(surface: string, language: TextLanguage): string | undefined {
  const age = parseAge(surface);
  return age === undefined || age > 130 ? undefined : ageBand(age, language);
}

// ---------------------------------------------------------------------------------------------
// Places and facilities

let placesByKey: Map<string, Place> | undefined;
let facilitiesByKey: Map<string, Facility> | undefined;

/** Administrative suffixes a testimony may add or leave out: 회령 / 회령시, Hoeryong-si. */
const PLACE_SUFFIX = /(?:특별시|직할시|자치구|구역|지구|시|군|구|도|성|현|si|gun|guyok|gu|do|city|county|province)$/u;

function placeIndex(): Map<string, Place> {
  if (!placesByKey) {
    placesByKey = new Map();
    for (const place of [...nkPlaces, ...borderPlaces]) {
      for (const name of placeNames(place)) {
        for (const key of [searchKey(name), searchKey(name).replace(PLACE_SUFFIX, '')]) {
          // The larger division wins a shared name (e.g. a county and its seat).
          if (key.length >= 2 && !placesByKey.has(key)) placesByKey.set(key, place);
        }
      }
    }
  }
  return placesByKey;
}

function facilityIndex(): Map<string, Facility> {
  if (!facilitiesByKey) {
    facilitiesByKey = new Map();
    for (const facility of facilities) for (const name of facilityNames(facility)) facilitiesByKey.set(searchKey(name), facility);
  }
  return facilitiesByKey;
}

/** The gazetteer place a surface names, in any spelling, or undefined. */
export function placeForSurface(surface: string): Place | undefined {
  const key = searchKey(surface);
  const index = placeIndex();
  return index.get(key) ?? index.get(key.replace(PLACE_SUFFIX, ''));
}

/** "회령" → "함경북도"; "Yanji" → "Jilin"; a province stays itself. */
export function generalisePlaceText(surface: string, language: TextLanguage): string | undefined {
  const place = placeForSurface(surface);
  if (!place) return undefined;
  const province = provinceOf(place.id);
  return province ? placeLabel(province, language) : undefined;
}

const FACILITY_KIND_LABELS: Record<Facility['kind'], { ko: string; en: string } | undefined> = {
  kwalliso: { ko: '정치범수용소', en: 'a political prison camp' },
  kyohwaso: { ko: '교화소', en: 'a prison' },
  jipkyulso: { ko: '집결소', en: 'a holding centre' },
  kuryujang: { ko: '구류장', en: 'a detention centre' },
  'rodong-danryondae': { ko: '로동단련대', en: 'a labour training camp' },
  other: undefined,
};

/** "15호 관리소" → "정치범수용소"; "Camp 15" → "a political prison camp". */
export function generaliseFacilityText(surface: string, language: TextLanguage): string | undefined {
  const facility = facilityIndex().get(searchKey(surface));
  const label = facility ? FACILITY_KIND_LABELS[facility.kind] : undefined;
  return label ? label[language] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Structured fields

/** 1974 → 1970. */
export function decadeOf(year: number): number {
  return year - (year % 10);
}

/** A year as a range: band5 2012 → 2010–2014; decade 2012 → 2010–2019. */
export function yearRange(year: number, level: YearLevel): { from: number; to: number } {
  const width = level === 'band5' ? 5 : 10;
  const from = year - (year % width);
  return { from, to: from + width - 1 };
}

/** The first-level division of a gazetteer place id (itself if it is one). */
export function provinceIdOf(gazetteerId: string | undefined): string | undefined {
  if (!gazetteerId || !getPlace(gazetteerId)) return undefined;
  return provinceOf(gazetteerId)?.id;
}

export function isProvinceId(gazetteerId: string | undefined): boolean {
  const place = gazetteerId ? getPlace(gazetteerId) : undefined;
  return place !== undefined && place.level === 'province' && isNkPlace(place);
}

/** Whether an EDTF date is finer than a year (a month, season or day), so worth generalising. */
export function edtfFinerThanYear(edtf: string): boolean {
  const parsed = parseEdtf(edtf);
  if (!parsed.ok) return true;
  const dates: EdtfDate[] = parsed.value.kind === 'date' ? [parsed.value] : [parsed.value.start, parsed.value.end].filter((end): end is EdtfDate => end.kind === 'date');
  return dates.some((date) => date.precision === 'day' || date.precision === 'month' || date.precision === 'season');
}

/** EDTF generalised: "2011-03-05" → "2011" (year) or "201X" (decade); intervals end by end. */
export function generaliseEdtf(edtf: string, level: DateLevel): string | undefined {
  const parsed = parseEdtf(edtf);
  if (!parsed.ok) return undefined;
  const one = (date: EdtfDate): string => {
    const from = String(date.yearFrom).padStart(4, '0');
    const to = String(date.yearTo).padStart(4, '0');
    if (level === 'year' && from === to) return from;
    if (from.slice(0, 3) === to.slice(0, 3)) return `${from.slice(0, 3)}X`;
    return `${from.slice(0, 2)}XX`;
  };
  if (parsed.value.kind === 'date') return one(parsed.value);
  const { start, end } = parsed.value;
  const side = (point: typeof start): string => (point.kind === 'date' ? one(point) : point.kind === 'open' ? '..' : '');
  const out = `${side(start)}/${side(end)}`;
  // An interval inside one year or decade collapses to it.
  const [from, to] = out.split('/');
  return from === to ? from : parseEdtf(out).ok ? out : undefined;
}
