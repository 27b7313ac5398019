/**
 * North Korean gazetteer: administrative divisions, places on the border and escape routes, and
 * places of detention, shipped as JSON next to this file. Used to validate place references in
 * testimony records, to generalise a county to its province when redacting, and by the redaction
 * detector to recognise place names in every common spelling.
 *
 * The JSON is trusted repository data: it is cast here and validated by gazetteer.test.ts.
 */
import adminJson from './nk-admin.json';
import borderJson from './border-and-route.json';
import facilitiesJson from './facilities.json';
import type { AdminPlaceData, BorderPlaceData, FacilityData } from './schema';
import { searchKey } from '../text/korean';

export type { AdminLevel, AdminPlaceData, BorderPlaceData, FacilityData, FacilityKind } from './schema';

/** A North Korean division; `country` is added so that every place says where it is. */
export type NkPlace = AdminPlaceData & { readonly country: 'KP' };
/** A place in China or further along the routes. */
export type BorderPlace = BorderPlaceData;
export type Place = NkPlace | BorderPlace;
export type Facility = FacilityData;

const NK_PLACES: readonly NkPlace[] = (adminJson.places as unknown as AdminPlaceData[]).map((place) => ({
  ...place,
  country: 'KP' as const,
}));
const BORDER_PLACES: readonly BorderPlace[] = borderJson.places as unknown as BorderPlaceData[];
const FACILITIES: readonly Facility[] = facilitiesJson.facilities as unknown as FacilityData[];

const PLACES_BY_ID = new Map<string, Place>();
for (const place of [...NK_PLACES, ...BORDER_PLACES]) PLACES_BY_ID.set(place.id, place);
const FACILITIES_BY_ID = new Map(FACILITIES.map((facility) => [facility.id, facility]));

/** Every North Korean division, provinces first, in file order. */
export const nkPlaces: readonly NkPlace[] = NK_PLACES;
/** Places outside North Korea: Chinese border towns, inland cities, crossings to third countries. */
export const borderPlaces: readonly BorderPlace[] = BORDER_PLACES;
/** Political prison camps, prisons, holding centres, detention cells, labour training camps. */
export const facilities: readonly Facility[] = FACILITIES;

/** Facilities, optionally of one kind (e.g. every kwalliso). */
export function listFacilities(kind?: Facility['kind']): Facility[] {
  return FACILITIES.filter((facility) => kind === undefined || facility.kind === kind);
}

/** Places abroad, optionally in one country ("CN", "LA", "TH", "VN", "MN", "KH", "RU"). */
export function listBorderPlaces(country?: BorderPlace['country']): BorderPlace[] {
  return BORDER_PLACES.filter((place) => country === undefined || place.country === country);
}

export function getPlace(id: string): Place | undefined {
  return PLACES_BY_ID.get(id);
}

export function getFacility(id: string): Facility | undefined {
  return FACILITIES_BY_ID.get(id);
}

export function isNkPlace(place: Place): place is NkPlace {
  return place.country === 'KP';
}

/** The twelve first-level divisions: nine provinces and Pyongyang, Rasŏn, Namp'o. */
export function listProvinces(): NkPlace[] {
  return NK_PLACES.filter((place) => place.level === 'province');
}

/** Direct children: a province's cities, counties and districts; a city's districts. */
export function childrenOf(parentId: string): Place[] {
  return [...NK_PLACES, ...BORDER_PLACES].filter((place) => place.parent === parentId);
}

/**
 * The first-level division a place lies in (the place itself if it is one), for generalising
 * "회령시" to "함경북도" in a redacted release. Abroad: the Chinese province (연길 → 길림성),
 * or the top-most known ancestor where there is no province level (Vientiane → itself).
 */
export function provinceOf(placeId: string): Place | undefined {
  let place = getPlace(placeId);
  // Bounded walk: parents are two levels deep at most, the bound only guards against bad data.
  for (let depth = 0; place && depth < 10; depth++) {
    if (place.level === 'province' || place.parent === undefined) return place;
    place = getPlace(place.parent);
  }
  return undefined;
}

/** Every spelling of a place: Hangul (North and South), hanja, Chinese, romanisations, aliases. */
export function placeNames(place: Place): string[] {
  const names: (string | undefined)[] = [place.ko, place.koSouth, place.mr, place.mrAscii, place.rr, ...place.aliases];
  if (isNkPlace(place)) names.push(place.hanja);
  else names.push(place.zh, place.en);
  return unique(names);
}

/** Every name of a facility: Korean, English, numbered and romanised variants. */
export function facilityNames(facility: Facility): string[] {
  return unique([facility.ko, facility.koSouth, facility.en, ...facility.aliases]);
}

/** A display name: Korean (North Korean spelling) or English/romanised. */
export function placeLabel(place: Place, language: 'ko' | 'en'): string {
  if (language === 'ko') return place.ko;
  return isNkPlace(place) ? place.mr : place.en;
}

/**
 * Places whose name matches the query in any spelling: "회령", "회령시", "Hoeryong", "Hoeryŏng",
 * "hoeryeong" and "Hoeryong-si" all find 회령시; "양강도" finds 량강도. Exact matches come first,
 * then names starting with the query, then names containing it; larger divisions before smaller.
 */
export function searchPlaces(query: string, limit = 10): Place[] {
  return rank(placeIndex(), query, limit, (place) => LEVEL_ORDER[place.level] + (isNkPlace(place) ? 0 : 0.5));
}

/** Facilities matching the query: "요덕", "Yodok", "Camp 15", "15호 관리소", "전거리", "Chongori". */
export function searchFacilities(query: string, limit = 10): Facility[] {
  return rank(facilityIndex(), query, limit, () => 0);
}

// ---------------------------------------------------------------------------------------------
// Search internals

const LEVEL_ORDER: Record<Place['level'], number> = {
  province: 0,
  prefecture: 1,
  city: 2,
  county: 3,
  district: 4,
  town: 5,
};

/** Administrative suffixes, longest first; stripped so that 회령시 and 회령 meet. */
const HANGUL_SUFFIXES = ['특별행정구', '직할시', '특별시', '자치주', '자치현', '자치구', '구역', '지구', '시', '군', '구', '도', '현', '진', '성'];
const LATIN_SUFFIX = /[\s-]+(si|shi|gun|kun|guyok|kuyok|guyeok|gu|ku|jigu|chigu|do|to|city|county|district|province|prefecture|town)$/i;

/** A name and, where it carries an administrative suffix, the bare name. */
function nameForms(name: string): string[] {
  const forms = [name];
  const latinBare = name.replace(LATIN_SUFFIX, '');
  if (latinBare !== name && latinBare.length >= 2) forms.push(latinBare);
  const trimmed = name.trim();
  for (const suffix of HANGUL_SUFFIXES) {
    const bare = trimmed.slice(0, -suffix.length).trim();
    // Two syllables at least: 신도군 → 신도, but 중구역 must not become 중.
    if (trimmed.endsWith(suffix) && [...bare].length >= 2) {
      forms.push(bare);
      break;
    }
  }
  return forms;
}

interface IndexEntry<T> {
  item: T;
  keys: string[];
}

let placeIndexCache: IndexEntry<Place>[] | undefined;
let facilityIndexCache: IndexEntry<Facility>[] | undefined;

function placeIndex(): IndexEntry<Place>[] {
  placeIndexCache ??= [...NK_PLACES, ...BORDER_PLACES].map((place) => ({ item: place, keys: keysOf(placeNames(place)) }));
  return placeIndexCache;
}

function facilityIndex(): IndexEntry<Facility>[] {
  facilityIndexCache ??= FACILITIES.map((facility) => ({ item: facility, keys: keysOf(facilityNames(facility)) }));
  return facilityIndexCache;
}

function keysOf(names: string[]): string[] {
  return unique(names.flatMap(nameForms).map(searchKey)).filter((key) => key.length > 0);
}

function rank<T>(index: IndexEntry<T>[], query: string, limit: number, tieBreak: (item: T) => number): T[] {
  const queryForms = unique(nameForms(query.trim()).map(searchKey)).filter((key) => key.length > 0);
  if (queryForms.length === 0 || limit <= 0) return [];
  const fullQuery = queryForms[0]!;
  const scored: { item: T; score: number; order: number }[] = [];
  index.forEach(({ item, keys }, order) => {
    let score = 0;
    for (const q of queryForms) {
      // The query as typed outranks its bare form: "신도군" prefers 신도군 over anything named 신도….
      const bonus = q === fullQuery ? 1 : 0;
      for (const key of keys) {
        if (key === q) score = Math.max(score, 6 + bonus);
        else if (q.length >= 2 && key.startsWith(q)) score = Math.max(score, 4 + bonus);
        else if (q.length >= 3 && key.includes(q)) score = Math.max(score, 2 + bonus);
      }
    }
    if (score > 0) scored.push({ item, score, order });
  });
  scored.sort((a, b) => b.score - a.score || tieBreak(a.item) - tieBreak(b.item) || a.order - b.order);
  return scored.slice(0, limit).map((entry) => entry.item);
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined && value.length > 0))];
}
