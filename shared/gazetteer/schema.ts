/**
 * Zod schemas of the gazetteer's JSON files. The data ships in the repository and is checked by the
 * tests (gazetteer.test.ts), not at every import: parsing ~330 entries on each start buys nothing.
 */
import { z } from 'zod';

const id = z.string().regex(/^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lowercase ASCII slugs such as nk-hoeryong-si');
const hangulName = z.string().min(1).max(100).regex(/[\uac00-\ud7a3]/u, 'must contain Hangul');
const latinName = z.string().min(1).max(100);
const aliases = z.array(z.string().min(2).max(100)).max(40);

export const AdminLevel = z.enum(['province', 'city', 'county', 'district']);
export type AdminLevel = z.infer<typeof AdminLevel>;

/** A North Korean administrative division (nk-admin.json). */
export const AdminPlaceData = z.strictObject({
  id: id.startsWith('nk-'),
  level: AdminLevel,
  /** North Korean spelling, with the suffix: 회령시, 량강도. */
  ko: hangulName,
  /** South Korean spelling where it differs: 양강도. */
  koSouth: hangulName.optional(),
  hanja: z.string().min(1).max(40).optional(),
  /** McCune–Reischauer of the bare name (provinces: of the full name): Hoeryŏng, Ryanggang-do. */
  mr: latinName,
  /** The same without diacritics and apostrophes: Hoeryong. */
  mrAscii: latinName.regex(/^[A-Za-z -]+$/, 'ASCII letters only'),
  /** Revised Romanization of the South Korean spelling: Hoeryeong. */
  rr: latinName,
  aliases,
  /** The province (or, for a city's district, the city) it belongs to. */
  parent: id.optional(),
});
export type AdminPlaceData = z.infer<typeof AdminPlaceData>;

export const AdminFile = z.strictObject({
  $comment: z.string(),
  version: z.literal(1),
  places: z.array(AdminPlaceData),
});

export const BorderLevel = z.enum(['province', 'prefecture', 'city', 'county', 'town']);
export const CountryOfRoute = z.enum(['CN', 'LA', 'TH', 'VN', 'MN', 'KH', 'RU']);

/** A place outside North Korea on the border or on escape routes (border-and-route.json). */
export const BorderPlaceData = z.strictObject({
  id,
  level: BorderLevel,
  country: CountryOfRoute,
  /** The Korean name as North Koreans and Korean-Chinese say it: 연길시, 룡정시, 할빈시. */
  ko: hangulName,
  koSouth: hangulName.optional(),
  /** Chinese name in simplified characters. */
  zh: z.string().min(1).max(40).optional(),
  /** The usual English or pinyin name: Yanji. */
  en: latinName,
  mr: latinName.optional(),
  mrAscii: latinName.regex(/^[A-Za-z -]+$/).optional(),
  rr: latinName.optional(),
  aliases,
  parent: id.optional(),
});
export type BorderPlaceData = z.infer<typeof BorderPlaceData>;

export const BorderFile = z.strictObject({
  $comment: z.string(),
  version: z.literal(1),
  places: z.array(BorderPlaceData),
});

export const FacilityKind = z.enum(['kwalliso', 'kyohwaso', 'jipkyulso', 'kuryujang', 'rodong-danryondae', 'other']);
export type FacilityKind = z.infer<typeof FacilityKind>;

/** A place of detention (facilities.json). */
export const FacilityData = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  kind: FacilityKind,
  ko: hangulName,
  koSouth: hangulName.optional(),
  /** The camp or prison number as written: "15". */
  number: z.string().regex(/^[0-9]{1,4}$/).optional(),
  en: latinName.max(200),
  /** Other Korean names and romanised variants: Yodok, Camp 15, Kwalliso No. 15. */
  aliases,
  /** Gazetteer id of the city or county where it is. */
  place: id.optional(),
  status: z.string().max(200).optional(),
  note: z.string().max(500).optional(),
});
export type FacilityData = z.infer<typeof FacilityData>;

export const FacilityFile = z.strictObject({
  $comment: z.string(),
  version: z.literal(1),
  facilities: z.array(FacilityData),
});
