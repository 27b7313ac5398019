/**
 * PLACE and FACILITY recognisers. Place names come from the gazetteer (North Korean divisions, border
 * and route places, facilities) and data/places-extra.json (South Korea, China, third countries),
 * precompiled once into maps keyed by the folded (North/South) spelling; unknown villages, districts,
 * stations and markets are found by their suffix (리, 동, 역, 시장 …), facilities by their head word
 * (교화소, 집결소, 보위부, 광산 …) with a place, number or name before it.
 */
import { borderPlaces, facilities, facilityNames, nkPlaces, placeNames } from '../gazetteer/index';
import placesExtra from './data/places-extra.json';
import southKorea from './data/south-korea-divisions.json';
import routePlacesMore from './data/route-places-more.json';
import stopData from './data/korean-stopwords.json';
import { foldInitialSound, lastSyllables } from './hangul';
import {
  EN_COMMON, KO_NOT_PLACES as KO_NOT_PLACES_, KO_STOPWORDS as KO_STOPWORDS_,
} from './lexicon';
import { isPlaceTail } from './particles';
import { execAtWords, latinTokens, registerCueWords, memoByString, type LatinWord, type Sink, type Word } from './scan';

// Local bindings of the word lists: read in the hottest loops, so no indirection through module exports.
const KO_NOT_PLACES = KO_NOT_PLACES_;
const KO_STOPWORDS = KO_STOPWORDS_;

// ---------------------------------------------------------------------------------------------
// Index, built once

const ADMIN_SUFFIXES = ['특별시', '직할시', '광역시', '자치주', '자치현', '노동자구', '로동자구', '구역', '지구', '시', '군', '도', '구', '현', '진', '성', '읍', '면'];
const AMBIGUOUS = new Set<string>([...stopData.ambiguousPlaceStems, ...southKorea.stemsThatAreWords].map(foldInitialSound));

interface Index {
  /** Folded Hangul place name (with or without its suffix) → true. */
  hangulPlaces: Map<string, 'gazetteer' | 'extra'>;
  hangulFacilities: Map<string, true>;
  longestHangul: number;
  /** Lower-cased Latin place names → display form; multi-word names keyed by their first word too. */
  latinPlaces: Set<string>;
  latinFirstWords: Map<string, string[]>;
  latinFacilities: Map<string, string[]>;
}

let index: Index | undefined;

function buildIndex(): Index {
  const hangulPlaces = new Map<string, 'gazetteer' | 'extra'>();
  const hangulFacilities = new Map<string, true>();
  const latinPlaces = new Set<string>();
  const latinFirstWords = new Map<string, string[]>();
  const latinFacilities = new Map<string, string[]>();
  const addHangul = (name: string, origin: 'gazetteer' | 'extra'): void => {
    const compact = foldInitialSound(name.replace(/\s+/g, ''));
    if (compact.length < 2 || !/^[\uac00-\ud7a3]+$/.test(compact) || AMBIGUOUS.has(compact)) return;
    hangulPlaces.set(compact, hangulPlaces.get(compact) ?? origin);
    for (const suffix of ADMIN_SUFFIXES) {
      if (compact.endsWith(suffix) && compact.length - suffix.length >= 2) {
        const stem = compact.slice(0, -suffix.length);
        // A stem that is also a common word (통화 "phone call", 위해 "for") needs its suffix.
        // A stem that is also a common word (통화 "phone call", 위해 "for") needs its suffix; so do South
        // Korean districts, whose names are often words (동안구, 수영구, 사상구).
        if (!AMBIGUOUS.has(stem) && !KO_STOPWORDS.has(stem) && !(origin === 'extra' && suffix === '구')) hangulPlaces.set(stem, hangulPlaces.get(stem) ?? origin);
        break;
      }
    }
  };
  const addLatin = (name: string, into: Set<string> | Map<string, string[]>): void => {
    const clean = name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’]/g, '').trim();
    if (clean.length < 3 || !/^[A-Za-z][A-Za-z .-]+$/.test(clean)) return;
    const lower = clean.toLowerCase();
    const variants = new Set([lower, lower.replace(/-/g, ' '), lower.replace(/[- ]/g, '')]);
    // "Hoeryong-si" → also "hoeryong"; "Ryanggang Province" → "ryanggang".
    const bare = lower.replace(/[\s-]+(?:si|shi|gun|kun|guyok|kuyok|gu|ku|do|to|city|county|district|province|prefecture)$/, '');
    if (bare !== lower && bare.length >= 3) variants.add(bare);
    for (const v of variants) {
      if (into instanceof Set) into.add(v);
      else into.set(v.split(/[\s-]/)[0]!, [...(into.get(v.split(/[\s-]/)[0]!) ?? []), v]);
      const first = v.split(/[\s-]/)[0]!;
      if (into instanceof Set && v.includes(' ')) latinFirstWords.set(first, [...(latinFirstWords.get(first) ?? []), v]);
    }
  };
  for (const place of [...nkPlaces, ...borderPlaces]) {
    for (const name of placeNames(place)) {
      if (/[\uac00-\ud7a3]/.test(name)) addHangul(name, 'gazetteer');
      else addLatin(name, latinPlaces);
    }
  }
  for (const name of placesExtra.hangul) addHangul(name, 'extra');
  for (const name of placesExtra.latin) addLatin(name, latinPlaces);
  for (const name of routePlacesMore.hangul) addHangul(name, 'extra');
  // South Korea's every si, gun and gu (where resettled defectors live); short romanised stems (Seo, Buk, Asan) are too often names or words.
  for (const division of southKorea.divisions) {
    addHangul(division.ko, 'extra');
    if (division.rr.replace(/-(?:si|gun|gu|do)$/, '').length >= 5) addLatin(division.rr, latinPlaces);
  }
  for (const facility of facilities) {
    for (const name of facilityNames(facility)) {
      if (/[\uac00-\ud7a3]/.test(name)) hangulFacilities.set(foldInitialSound(name.replace(/\s+/g, '')), true);
      else addLatin(name, latinFacilities);
    }
  }
  // English words that are also romanised place names: "Sea", "Camp", "Paradise" are never places alone.
  for (const word of ['sea', 'camp', 'paradise', 'china', 'korea', 'north', 'south', 'central', 'golden', 'triangle', 'new', 'west', 'east', 'inner', 'mongolia', 'laos', 'thailand', 'vietnam', 'cambodia', 'russia', 'yalu', 'tumen river', 'mekong', 'sosa', 'manan', 'jangan', 'dongan', 'suji', 'saha', 'jung', 'nam', 'songpa']) latinPlaces.delete(word);
  for (const list of latinFirstWords.values()) list.sort((a, b) => b.length - a.length);
  for (const list of latinFacilities.values()) list.sort((a, b) => b.length - a.length);
  let longestHangul = 0;
  for (const key of hangulPlaces.keys()) longestHangul = Math.max(longestHangul, key.length);
  return { hangulPlaces, hangulFacilities, longestHangul, latinPlaces, latinFirstWords, latinFacilities };
}

function getIndex(): Index {
  index ??= buildIndex();
  return index;
}

/** The longest gazetteer place that `foldedWord` starts with: its length, or 0. */
let lengthsByStart: Map<string, number[]> | undefined;

/** The longest gazetteer place that `foldedWord` starts with: its length, or 0. */
export const placePrefixLength = memoByString(placePrefixLengthUncached);

function placePrefixLengthUncached(foldedWord: string): number {
  const { hangulPlaces } = getIndex();
  if (!lengthsByStart) {
    lengthsByStart = new Map();
    for (const key of hangulPlaces.keys()) {
      const start = key.slice(0, 2);
      const list = lengthsByStart.get(start) ?? [];
      if (!list.includes(key.length)) list.push(key.length);
      lengthsByStart.set(start, list.sort((a, b) => b - a));
    }
  }
  const lengths = lengthsByStart.get(foldedWord.slice(0, 2));
  if (!lengths) return 0;
  for (const len of lengths) if (len <= foldedWord.length && hangulPlaces.has(foldedWord.slice(0, len))) return len;
  return 0;
}

/** A whole word (without its particles) that is a known place. */
export function isKnownPlaceWord(word: string): boolean {
  const len = placePrefixLength(foldInitialSound(word));
  if (len === 0) return false;
  const rest = word.slice(len);
  return rest === '' || ADMIN_SUFFIXES.includes(rest);
}

export function isLatinPlace(word: string): boolean {
  return getIndex().latinPlaces.has(word.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Korean

/** Heads of facility names, longest first. */
const KO_FACILITY_HEADS = [
  '변방구류소', '정치범수용소', '노동단련대', '로동단련대', '노동교양대', '로동교양대', '연합기업소', '련합기업소', '요양병원', '인민병원',
  '고급중학교', '초급중학교', '중고등학교', '고등학교', '인민학교', '소학교', '중학교', '대학교', '대학원', '하나센터', '협동농장',
  '수산사업소', '림산사업소', '사업소', '발전소', '제련소', '제강소', '광업소', '구류장', '구류소', '집결소', '교화소', '교양소', '관리소',
  '수용소', '구치소', '교도소', '단련대', '보위부', '보위국', '보위서', '안전부', '안전국', '안전서', '보안서', '보안부', '보안국',
  '분주소', '공안국', '공안분국', '파출소', '변방대', '경비대', '이민국', '기업소', '군부대', '광산', '탄광', '공장', '농장', '목장',
  '병원', '진료소', '학교', '대학', '유치원', '교회', '성당', '군단', '사단', '여단', '연대', '대대', '센터', '작업소', '연구소',
  '경찰서', '방송국', '통신소', '간수소', '비행장', '제철소', '조선소', '검문소', '세관', '식당', '여관', '호텔', '반점', '려관',
];
/** Facility words that are generic on their own (정치범수용소, 인민병원): they need a place or name before them. */
const GENERIC_FACILITY_WORDS = new Set([
  '정치범수용소', '수용소', '구치소', '교도소', '인민병원', '인민학교', '소학교', '중학교', '고등학교', '고급중학교', '초급중학교', '대학교',
  '대학', '대학원', '협동농장', '군부대', '노동단련대', '로동단련대', '단련대', '병원', '학교', '교회', '성당', '광산', '탄광', '공장',
  '농장', '기업소', '연합기업소', '련합기업소', '발전소', '센터', '하나센터', '보위부', '보위국', '안전부', '보안서', '분주소', '공안국',
  '파출소', '경비대', '변방대', '국경경비대', '이민국', '직장', '유치원', '탁아소', '관리소', '교화소', '집결소', '구류장', '구류소',
  '군단', '사단', '여단', '연대', '대대', '요양병원', '진료소', '연구소', '경찰서', '변방구류소', '사업소', '수산사업소', '림산사업소',
  '광업소', '제련소', '제강소', '작업소', '목장', '방송국', '통신소', '역전', '간수소', '비행장', '제철소', '조선소', '검문소', '세관', '교양소', '보위서', '안전국', '안전서', '보안부', '보안국',
  '공안분국', '노동교양대', '로동교양대', '국경경비', '도보위부', '시보위부', '군보위부', '도보안국', '도집결소', '중앙병원', '군병원',
  '도병원', '시병원', '우리학교', '이웃학교', '지방공장', '국영농장', '간부학교', '특수학교', '신학교', '대안학교', '일반학교', '같은학교',
  '식당', '여관', '려관', '호텔', '반점', '구내식당', '직원식당', '학교식당', '공장식당', '한국식당', '북한식당', '조선식당', '중국식당', '한식당', '냉면식당', '국수식당',
  '노동자구', '정치대학', '군관학교', '시장관리소', '관리소장', '벽돌공장', '식료공장', '지방산업공장', '가내작업반', '학교장', '교회당', '지하교회', '가정교회', '비밀교회', '한인교회', '조선족교회', '남한교회',
]);
/** Words that may stand between a place and a facility head: 온성군 보위부 구류장, 루앙남타 이민국 구류소. */
const INSTITUTION_WORDS = new Set([
  '보위부', '보위국', '보위서', '보안서', '보안부', '보안국', '안전부', '안전국', '안전서', '공안국', '공안', '이민국', '변방', '변방대',
  '국경경비', '국경경비대', '인민위원회', '시', '군', '도', '정치범', '노동', '로동', '중앙', '인민', '청년', '국가보위성', '사회안전성',
  '도보위부', '시보위부', '군보위부', '지방', '농촌', '시립', '도립', '군립', '국립', '특별', '제일', '제1', '고급', '초급', '종합',
]);
/** Modifiers that do not name a facility: 우리 학교, 그 병원, 큰 공장. */
const FACILITY_NON_NAMES = new Set([
  '우리', '그', '이', '저', '그런', '이런', '저런', '어느', '다른', '같은', '큰', '작은', '여러', '옛', '새', '지방', '인근', '근처', '가까운',
  '무슨', '어떤', '모든', '한', '두', '세', '네', '첫', '동네', '마을', '시골', '고향', '중국', '한국', '북한', '조선', '남한', '북조선', '국영',
  '개인', '지역', '현지', '해당', '일반', '시내', '읍내', '군내', '도내', '국내', '외국', '사설', '공공', '근방', '본', '당', '각', '여기', '거기',
]);

const NUMBERED_UNIT = /(?:제\s?)?\d{1,5}\s?(?:호\s?)?(?:군부대|부대|군단|사단|여단|연대|대대|경비대|경비여단|려단)/y;
const NUMBERED_CAMP = /(?:\d{1,2}\.\d{1,2}\s?(?:상무|상무소|구호소|수용소)|(?:제\s?\d{1,3}\s?(?:호\s?)?|\d{1,3}\s?호\s?)(?:관리소|정치범수용소|수용소|교화소|교양소|집결소|노동단련대|로동단련대|구류장|구류소|간수소))/y;

/** The ways to read a word as name + particles, longest name first: 강원도 → [강원도, 강원(+도)]. */
const coresOf = memoByString(coresOfUncached);

function coresOfUncached(word: string): string[] {
  const out: string[] = [];
  // Particle tails are short: no need to try cuts further than eight syllables from the end.
  out.push(word);
  for (let cut = word.length - 1; cut >= Math.max(1, word.length - 8); cut--) if (isPlaceTail(word.slice(cut))) out.push(word.slice(0, cut));
  return out;
}

const FACILITY_HEAD_SET = new Set(KO_FACILITY_HEADS);
const LONGEST_HEAD = Math.max(...KO_FACILITY_HEADS.map((h) => h.length));

const HEAD_LASTS = lastSyllables(KO_FACILITY_HEADS);
const SMALL_PLACE_LASTS = lastSyllables(['노동자구', '구역', '리', '동', '읍', '면', '촌', '진', '역', '시장', '마을', '거리', '골', '항', '구', '가']);

function facilityHeadOf(core: string): string | undefined {
  if (!HEAD_LASTS.has(core[core.length - 1])) return undefined;
  for (let len = Math.min(core.length, LONGEST_HEAD); len >= 2; len--) {
    const tail = core.slice(core.length - len);
    if (FACILITY_HEAD_SET.has(tail)) return tail;
  }
  return undefined;
}

function isInstitutionOrNumber(word: string): boolean {
  return INSTITUTION_WORDS.has(word) || /^제?\d{1,5}(?:호|군단|사단|여단|군부대|부대)?$/.test(word) || /(?:보위부|보안서|안전부|공안국|이민국|변방대|경비대)$/.test(word);
}

/** A small place read from a word by its suffix: 풍인리, 혜장동, 고무산역, 수남시장. */
interface SmallPlace {
  coreLength: number;
  suffix: string;
  /** Followed by nothing or a particle that places take (에서, 출신 …). */
  strongTail: boolean;
}

/** What a Hangul word is as a place or facility by itself, worked out once per distinct word. */
interface PlaceWordInfo {
  readonly w: string;
  readonly facility: { core: string; head: string; qualified: boolean } | undefined;
  /** End of the gazetteer place at its start (with its suffix), or 0. */
  readonly gazetteerEnd: number;
  /** The small place it is when it stands alone, and when it follows a known place (X군 Y면). */
  readonly small: SmallPlace | undefined;
  readonly smallAfterPlace: SmallPlace | undefined;
  /** Qualifies a facility after it: a known place, an administrative name, an institution or a number. */
  readonly knownPlace: boolean;
  readonly adminLike: boolean;
  readonly institution: boolean;
  readonly pronoun: boolean;
  readonly foreignNameLike: boolean;
  readonly immigration: boolean;
  /** A place name that is also a common word (순천, 통화): a place only where a facility follows it. */
  readonly ambiguousPlace: boolean;
  /** 마을 or 부락 (with a particle): a word before it may name the village. */
  readonly villageWord: boolean;
}

/** What a word of the text is as a place (kept on its entry, so worked out once per distinct word). */
function placeInfoOf(word: Word): PlaceWordInfo {
  const entry = word.entry;
  return (entry.place ??= analysePlaceWord(entry.w)) as PlaceWordInfo;
}

function smallPlaceOf(ow: string, cores: readonly string[], afterPlace: boolean): SmallPlace | undefined {
  for (const core of cores) {
    if (!SMALL_PLACE_LASTS.has(core[core.length - 1])) continue;
    // 골 (새골, 안골) and 항 (청암항) as villages and ports: the stop-lists keep out 시골, 산골, 저항, 사항.
    const small = /^([\uac00-\ud7a3]{1,5}?)(노동자구|로동자구|구역|리|동|읍|면|촌|진|역|시장|마을|거리|골|항|구|가)$/.exec(core);
    if (!small) continue;
    const stem = small[1]!;
    const suffix = small[2]!;
    // A street of a Chinese city (연길시 하남가에): only after the city and with a place particle, since 가 is also the subject particle.
    if (suffix === '가' && !(afterPlace && stem.length >= 2 && /^(?:에서|에|의|로|으로|까지|쪽|근처)/.test(ow.slice(core.length)) && !KO_STOPWORDS.has(stem))) continue;
    // A district (연수구, 수성구) only right after its city: 친구, 입구, 연구 end in 구 too.
    if (suffix === '구' && !(afterPlace && (stem.length >= 2 || /^[동서남북중]$/.test(stem)) && !KO_STOPWORDS.has(core) && !KO_NOT_PLACES.has(core))) continue;
    // 면 and 진 end verbs too (생각하면, 떨어진): only after a known place (개산툰진, X군 Y면).
    const plausible = suffix !== '면' && suffix !== '진' && stem.length >= (suffix === '역' || suffix === '시장' || suffix === '골' ? 1 : 2) && !KO_NOT_PLACES.has(core) && !KO_STOPWORDS.has(core) && !KO_STOPWORDS.has(stem);
    if (!plausible && !(afterPlace && !KO_NOT_PLACES.has(core))) continue;
    const tail = ow.slice(core.length);
    const strongTail = tail === '' || /^(?:에서|에|으로|로|의|출신|까지|부터|근처|쪽|사람|에는|에서는|에도|이었|였|입니|인데|이라는|라는|이고|에서도|으로는|에서부터|이라고|라고)/.test(tail);
    return { coreLength: core.length, suffix, strongTail };
  }
  return undefined;
}

function analysePlaceWord(ow: string): PlaceWordInfo {
  const { hangulFacilities } = getIndex();
  const fw = foldInitialSound(ow);
  const cores = coresOf(ow);
  let facility: PlaceWordInfo['facility'];
  const facilityCore = cores.find((c) => facilityHeadOf(c) !== undefined);
  const head = facilityCore ? facilityHeadOf(facilityCore) : undefined;
  if (facilityCore && head) {
    const glued = facilityCore.slice(0, facilityCore.length - head.length);
    const qualified = hangulFacilities.has(facilityCore) || (glued.length >= 1 && !GENERIC_FACILITY_WORDS.has(facilityCore) && !FACILITY_NON_NAMES.has(glued) && !KO_STOPWORDS.has(glued) && !INSTITUTION_WORDS.has(glued));
    facility = { core: facilityCore, head, qualified };
  }
  let gazetteerEnd = 0;
  const len = placePrefixLength(fw);
  if (len > 0) {
    const rest = ow.slice(len);
    const suffix = ADMIN_SUFFIXES.find((sfx) => rest.startsWith(sfx) && isPlaceTail(rest.slice(sfx.length))) ?? /^(?:역전|역|시장|광장|공항|장마당)/.exec(rest)?.[0];
    const end = len + (suffix && isPlaceTail(rest.slice(suffix.length)) ? suffix.length : 0);
    if (isPlaceTail(ow.slice(end))) gazetteerEnd = end;
  }
  return {
    w: ow,
    facility,
    gazetteerEnd,
    small: smallPlaceOf(ow, cores, false),
    smallAfterPlace: smallPlaceOf(ow, cores, true),
    knownPlace: isKnownPlaceWord(ow),
    adminLike: /^[\uac00-\ud7a3]{1,5}(?:시|군|구역|도|현|진|리|동|읍)$/.test(ow) && !KO_STOPWORDS.has(ow) && !KO_NOT_PLACES.has(ow),
    institution: isInstitutionOrNumber(ow),
    pronoun: /^(?:저|나|우리|제|내|그|이|저희|너희)(?:도|는|가|의|들)?$/.test(ow),
    foreignNameLike: ow.length >= 2 && !KO_STOPWORDS.has(ow) && !FACILITY_NON_NAMES.has(ow),
    immigration: /^(?:이민국|공안국|공안)$/.test(ow),
    ambiguousPlace: AMBIGUOUS.has(fw) && fw.length >= 2,
    villageWord: VILLAGE_WORD.test(ow),
  };
}

/** Korean places and facilities, word by word. Returns the starts of the words it took. */
export function detectKoreanPlaces(text: string, _folded: string, words: readonly Word[], sink: Sink): Set<number> {
  const { hangulFacilities } = getIndex();
  const placeAt = new Map<number, number>(); // word index → end of a place span in it
  const taken = new Set<number>();
  const infoAt = (wi: number): PlaceWordInfo => placeInfoOf(words[wi]!);
  for (let wi = 0; wi < words.length; wi++) {
    const word = words[wi]!;
    const info = infoAt(wi);

    // Facilities: a head word with a name glued before it (농포집결소, 혜산청년광산) or qualified by the
    // words before it (온성군 보위부 구류장, 요덕 15호 관리소).
    if (info.facility) {
      const { core, head } = info.facility;
      let start = word.start;
      let qualified = info.facility.qualified;
      for (let back = wi - 1, hops = 0; back >= 0 && hops < 3; back--, hops++) {
        const prev = words[back]!;
        if (!adjacent(text, prev, words[back + 1]!)) break;
        const pinfo = infoAt(back);
        // A gazetteer facility written in words: 전거리 교화소, 농포 집결소.
        if (hangulFacilities.has(foldInitialSound(pinfo.w + text.slice(words[back + 1]!.start, word.start).replace(/\s+/g, '') + core))) {
          start = prev.start;
          qualified = true;
          break;
        }
        if (pinfo.pronoun) break;
        const place = placeAt.get(back) === prev.end || pinfo.knownPlace || pinfo.adminLike || pinfo.ambiguousPlace;
        const institution = pinfo.institution;
        // A foreign name before 이민국/공안국: 수안플루 이민국 수용소.
        const foreignName = hops > 0 && infoAt(back + 1).immigration && pinfo.foreignNameLike;
        if (!place && !institution && !foreignName) break;
        start = prev.start;
        if (place || foreignName) qualified = true;
        if (place && !institution) break;
      }
      // A numbered unit right before it: 제1군단 후방병원 (digits split the Hangul words).
      const unitBefore = /(?:제\s?)?\d{1,5}\s?(?:호|군부대|부대|군단|사단|여단|연대|대대)\s$/.exec(text.slice(Math.max(0, start - 14), start));
      if (unitBefore) {
        start -= unitBefore[0].length;
        qualified = true;
      }
      // A date-named or numbered enterprise written in one piece: 2.8비날론연합기업소, 8월25일공장 (digits split the word).
      const glued = start === word.start && start > 0 && text.charCodeAt(start - 1) >= 48 && text.charCodeAt(start - 1) <= 57 ? /(?<![\d.])\d{1,2}(?:\.\d{1,2})?\.?$/.exec(text.slice(Math.max(0, start - 6), start)) : null;
      if (glued && qualified) start -= glued[0].length;
      if (qualified) {
        sink.add(start, word.start + core.length, 'FACILITY', 0.85, `facility "${head}"`);
        taken.add(word.start);
        continue;
      }
    }
    // Places from the gazetteer: the longest known name at the start of the word, then its suffix.
    if (info.gazetteerEnd > 0) {
      sink.add(word.start, word.start + info.gazetteerEnd, 'PLACE', 0.9, 'gazetteer place');
      placeAt.set(wi, word.start + info.gazetteerEnd);
      taken.add(word.start);
      continue;
    }
    // A place name that is also a word, before 쪽/근처/방면 (위해 쪽, 통화 근처): there it is the place.
    if (info.ambiguousPlace && wi + 1 < words.length && adjacent(text, word, words[wi + 1]!) && /^(?:쪽|근처|방면|부근|일대|출신|시내)/.test(infoAt(wi + 1).w)) {
      sink.add(word.start, word.end, 'PLACE', 0.6, 'place name before "쪽"');
      placeAt.set(wi, word.end);
      taken.add(word.start);
      continue;
    }
    // A named village as two words: 삼포 마을, 버들골 부락 (not 우리 마을, 옆 마을, 국경 마을).
    if (wi + 1 < words.length && infoAt(wi + 1).villageWord && adjacent(text, word, words[wi + 1]!)) {
      const w = info.w;
      if (w.length >= 2 && w.length <= 4 && !KO_STOPWORDS.has(w) && !KO_NOT_PLACES.has(w) && !FACILITY_NON_NAMES.has(w) && !VILLAGE_NON_NAMES.has(w) && !/[의던은는한된운인린진쪽다요서야고며면지게가이을를에도로]$/.test(w) && coresOf(w).length === 1) {
        sink.add(word.start, word.end, 'PLACE', 0.6, 'name before "마을"');
        placeAt.set(wi, word.end);
        taken.add(word.start);
        continue;
      }
    }
    // Villages, neighbourhoods, stations, markets by their suffix: 풍인리, 혜장동, 고무산역, 수남시장.
    const afterPlace = wi > 0 && placeAt.get(wi - 1) === words[wi - 1]!.end && adjacent(text, words[wi - 1]!, word);
    const small = afterPlace ? info.smallAfterPlace : info.small;
    if (small && (afterPlace || small.strongTail)) {
      sink.add(word.start, word.start + small.coreLength, 'PLACE', afterPlace ? 0.85 : 0.6, afterPlace ? 'subdivision after a known place' : `place suffix "${small.suffix}"`);
      placeAt.set(wi, word.start + small.coreLength);
      // After a known place (회령시 유선동) it is a place, not a name that looks like one.
      if (afterPlace) taken.add(word.start);
      continue;
    }
    // A city after a Chinese province (산동성 유방, 길림성 교하): the gazetteer cannot hold every one.
    if (afterPlace && text.charCodeAt(placeAt.get(wi - 1)! - 1) === 0xc131 /* 성 */) {
      // The shortest reading: 교하에서 → 교하.
      const core = coresOf(info.w).filter((c) => c.length >= 2 && c.length <= 4).pop();
      if (core && !KO_STOPWORDS.has(core) && !KO_NOT_PLACES.has(core) && !FACILITY_NON_NAMES.has(core) && !GENERIC_FACILITY_WORDS.has(core) && !/^(?:사람|출신|쪽|근처|지방|지역|농촌|시골|도시|변경|국경|일대|방면|어느|한|작은|큰)/.test(core)) {
        sink.add(word.start, word.start + core.length, 'PLACE', 0.6, 'city after a Chinese province');
        placeAt.set(wi, word.start + core.length);
      }
    }
  }
  // Numbered units and camps: 제425군부대, 국경경비 27여단, 15호 관리소 (the place word before joins it).
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    if (!(isDigit || c === 0xc81c /* 제 */) || (i > 0 && /[\d\uac00-\ud7a3]/.test(text[i - 1]!))) continue;
    for (const re of [NUMBERED_CAMP, NUMBERED_UNIT]) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (!m) continue;
      let start = i;
      // Join a place or institution word right before it: 요덕 15호 관리소, 국경경비 27여단.
      const before = /([\uac00-\ud7a3]+)\s$/.exec(text.slice(Math.max(0, i - 12), i));
      const headWord = /[\uac00-\ud7a3]+$/.exec(m[0])?.[0] ?? '';
      if (before && (isKnownPlaceWord(before[1]!) || hangulFacilities.has(foldInitialSound(before[1]! + headWord)) || isInstitutionOrNumber(before[1]!) || /^(?:국경경비|경비|호위|보위|건설|공병|포병|기갑|해군|공군|항공|땅크)$/.test(before[1]!))) start = i - before[0].length;
      sink.add(start, i + m[0].length, 'FACILITY', 0.95, re === NUMBERED_CAMP ? 'numbered camp' : 'numbered military unit');
      i += m[0].length - 1;
      break;
    }
  }
  return taken;
}

const VILLAGE_WORD = /^(?:마을|부락)(?:$|에|에서|로|으로|의|은|는|이|을|까지|사람)/;
/** Words before 마을 that say what kind of village it is, not which. */
const VILLAGE_NON_NAMES = new Set(['옆', '이웃', '아랫', '윗', '건너', '앞', '뒷', '산골', '시골', '국경', '강변', '농촌', '어촌', '산간', '조선족', '한족', '중국', '가까운', '먼', '작은', '큰', '외딴', '그런', '다른', '같은', '근처', '주변', '변두리', '두메', '첩첩', '오지', '인근', '고향', '아래', '위', '산속', '강가', '바닷가', '해변', '탄광', '광산', '농장', '협동', '벽지']);

/** One or two spaces or tabs, nothing else, between the two words. */
function adjacent(text: string, a: Word, b: Word): boolean {
  const gap = b.start - a.end;
  if (gap < 1 || gap > 2) return false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Places in Chinese characters: 延吉, 和龙市, 咸镜北道

const HAN_PLACES: ReadonlySet<string> = new Set(placesExtra.han);
const LONGEST_HAN_PLACE = Math.max(...placesExtra.han.map((p) => p.length));
const HAN_PLACE_RUN = /[\u4e00-\u9fff]+/g;
/** Administrative suffixes in characters: city, county, town, district, province, prefecture, village. */
const HAN_ADMIN_SUFFIX = /[市县縣镇鎮区區省州郡道里洞村乡鄉]$/;

/** Known places in a run of characters (longest first, with a suffix after them), and short runs that end in an administrative suffix. */
export function detectHanPlaces(text: string, sink: Sink): void {
  HAN_PLACE_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HAN_PLACE_RUN.exec(text)) !== null) {
    const run = m[0];
    let i = 0;
    let found = false;
    while (i < run.length - 1) {
      let len = Math.min(LONGEST_HAN_PLACE, run.length - i);
      for (; len >= 2; len--) if (HAN_PLACES.has(run.slice(i, i + len))) break;
      if (len < 2) {
        i++;
        continue;
      }
      const end = i + len < run.length && HAN_ADMIN_SUFFIX.test(run[i + len]!) ? i + len + 1 : i + len;
      sink.add(m.index + i, m.index + end, 'PLACE', 0.85, 'place in Chinese characters');
      found = true;
      i = end;
    }
    // A short run written alone (和平县, 新兴里) is a name with its suffix; in running Chinese prose a suffix is too common a character.
    if (!found && run.length >= 2 && run.length <= 5 && HAN_ADMIN_SUFFIX.test(run)) sink.add(m.index, m.index + run.length, 'PLACE', 0.6, 'name with a suffix in Chinese characters');
  }
}

/** A run of characters that is a known place (the name rule leaves it alone). */
export function isHanPlace(run: string): boolean {
  return HAN_PLACES.has(run) || (run.length >= 3 && HAN_PLACES.has(run.slice(0, -1)) && HAN_ADMIN_SUFFIX.test(run));
}

// ---------------------------------------------------------------------------------------------
// English and romanised

const EN_FACILITY_HEADS =
  'Kwalliso|Kyohwaso|Jipkyulso|Jipkyeolso|Chipkyolso|Kuryujang|Guryujang|Bowibu|Anjonbu|Anjeonbu|Boanseo|Poanso|Bowiseong|Bunjuso|Rodong Danryondae|Nodong Danryeondae|Danryondae|' +
  'Police Station|Police Bureau|Public Security Bureau|Hana Cent(?:er|re)|Detention (?:Center|Centre|Facility|House)|Immigration Detention (?:Center|Centre)|Immigration (?:Center|Centre|Office)|' +
  'Holding (?:Center|Centre)|Labou?r Training (?:Camp|Unit|Centre|Center)|Labou?r Camp|Prison Camp|Reeducation Camp|Re-education Camp|Prison|Jail|Camp|Church|Cathedral|Temple|Power (?:Station|Plant)|' +
  'Hospital|Clinic|Medical (?:Center|Centre)|School|Middle School|High School|Senior Middle School|University|College|Academy|Kindergarten|Orphanage|Mine|Coal Mine|Copper Mine|Colliery|' +
  'Farm|Cooperative Farm|Collective Farm|Factory|Complex|Works|Steel Works|Mill|Plant|Security (?:Office|Department|Bureau|Station)|Safety (?:Office|Department|Bureau)|Corps|Brigade|Division|Regiment|Battalion|' +
  'Company|Trading Company|Corporation|Enterprise|Cooperative|Fisheries Station|Fisheries|Fishery|Shipyard|Airfield|Air Base|Cent(?:er|re)';
// Name words before the head: capitalised words, small numbers, "No. 2", and "and"/"of" between them (Kim Chaek Iron and Steel Complex).
const EN_FACILITY = new RegExp(`\\b((?:(?:[A-Z][A-Za-z'’ŏŭŎŬ-]+|\\d{1,2}|No\\.\\s?\\d{1,3})\\s(?:(?:and|of|&)\\s)?){1,5})(${EN_FACILITY_HEADS})\\b(?:\\s+(?:No\\.?\\s*)?\\d{1,4}\\b)?`, 'g');
/**
 * Every match of EN_FACILITY contains a head word: a text with none anywhere (most English narrative)
 * is not run through it, with its backtracking over each run of capitalised words.
 */
const EN_FACILITY_HEAD_ANYWHERE = new RegExp(EN_FACILITY_HEADS);
const EN_NUMBERED = /\b(?:(?:Kwalliso|Kyohwaso|Camp|Prison|Jipkyulso|Kuryujang|Kyohwaso)\s+(?:No\.?\s*)?\d{1,4}(?:-\d{1,3})?|(?:Military\s+)?Unit\s+(?:No\.?\s*)?\d{1,5}(?:-\d{1,4})?(?!\d)|\d{1,2}\.\d{1,2}\s(?:[Cc]amp|[Ss]angmu|[Hh]olding (?:[Cc]ent(?:re|er)|[Cc]amp)|[Rr]elief [Cc]amp|[Cc]ent(?:re|er))|\d{1,4}(?:st|nd|rd|th)?\s+(?:Corps|Brigade|Division|Regiment|Battalion))\b/g;
const EN_PLACE_FACILITY = /\b([A-Z][a-zŏŭ'’-]+(?:\s(?:City|County|Province|District|[A-Z][a-zŏŭ'’-]+))?)\s(camp|immigration (?:jail|prison|detention cent(?:re|er)|cent(?:re|er)|office|police)|security (?:office|department|bureau|station|headquarters)|safety (?:office|department|bureau|agency)|state security (?:office|department|bureau)|police (?:station|office|bureau)|public security bureau|detention (?:cent(?:re|er)|facility|house)|holding (?:cent(?:re|er)|facility)|labou?r (?:training )?camp|prison camp|prison|jail|bowibu|anjonbu|jipkyulso|kuryujang|kyohwaso|kwalliso|coal mine|mine|factory|farm|hospital|school|church|orphanage|market management office)\b/g;
const EN_ROMAN_FACILITY = /\b[A-Z][a-z'’ŏŭ-]+\s(?:kwalliso|kyohwaso|jipkyulso|kuryujang|bowibu|anjonbu|danryondae)\b/g;
const EN_LEADING_NON_NAMES = new Set([
  'The', 'A', 'An', 'In', 'At', 'To', 'From', 'Of', 'This', 'That', 'My', 'Our', 'His', 'Her', 'Their', 'When', 'After', 'Before', 'Then',
  'We', 'I', 'They', 'He', 'She', 'It', 'North', 'South', 'Korean', 'Chinese', 'Local', 'County', 'City', 'State', 'Ministry', 'National',
  'And', 'But', 'So', 'On', 'By', 'With', 'For', 'Into', 'Near', 'Outside', 'Inside', 'Every', 'Each', 'Another', 'One', 'Some', 'Its',
  'Provincial', 'Military', 'Political', 'Prison', 'Police', 'Public', 'Security', 'Immigration', 'Detention', 'Labour', 'Labor', 'Women', "Women's",
  'Central', 'Main', 'Old', 'New', 'Big', 'Small', 'Same', 'Other', 'Next', 'Last', 'First', 'Second', 'Whole', 'Under', 'Over', 'Through',
  'If', 'As', 'Also', 'Only', 'Even', 'There', 'Here', 'Where', 'While', 'Since', 'Until', 'Like', 'About', 'Once', 'Later', 'Many', 'Most',
]);
const GENERIC_EN_FACILITY_PHRASES = /^(?:Shopping Cent(?:er|re)|Community Cent(?:er|re)|City Cent(?:er|re)|Town Cent(?:er|re)|Hana Cent(?:er|re)|Company|Trading Company|Police Station|Detention Center|Detention Centre|Prison|Camp|Church|Hospital|Clinic|School|University|College|Mine|Farm|Factory|Complex|Works|Plant|Mill|Corps|Brigade|Division|Regiment|Battalion|Labou?r Camp|Prison Camp|Labou?r Training Camp|Holding Centre|Holding Center|Security Office|Hana Cent(?:er|re)|Power Station|Power Plant|Middle School|High School)$/;

const EN_PLACE_PATTERN = /\b([A-Z][a-z'’ŏŭ]+(?:-[a-z]+)?)(?:(-(?:ri|dong|up|eup|gu|ku|myon|myeon|rodongjagu|nodongjagu|guyok|kuyok|si|gun|do|cun|zhen|xiang|tun|gou))\b|(?:\s(?:West|East|North|South|Central|Old|New|Main|Railway|Train|Bus|Coach|Long-distance Bus|Night|Farmers['’]?|Wholesale|[A-Z][a-z]{2,12}))?\s(Village|Station|Market|Street|Road|District|County|Township|Town|City|Province|Prefecture|Bridge|Port|Harbou?r|Square|Ward|Neighbourhood|Neighborhood|Cun|Zhen|Tun|Gou|Xiang))\b/g;
const LATIN_WORD = /[A-Z][A-Za-z'’ŏŭŎŬ]*(?:-[A-Za-z'’ŏŭ]+)*/g;

/** A letter or digit of any script right before `at` (ASCII answered without a regular expression). */
function letterOrDigitBefore(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  if (c < 0x80) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(text[at - 1]!);
}

/** What the gazetteer says about a Latin word by itself, worked out once per distinct word. */
interface LatinPlaceFacts {
  /** Names of several words that start with it, longest first, and the same with hyphens as spaces. */
  readonly multi: readonly string[] | undefined;
  readonly multiSpaced: readonly string[] | undefined;
  /** Its key is a gazetteer place. */
  readonly known: boolean;
}

function latinPlaceFactsOf(info: LatinWord): LatinPlaceFacts {
  if (info.place === undefined) {
    const { latinPlaces, latinFirstWords } = getIndex();
    const multi = latinFirstWords.get(info.key);
    const facts: LatinPlaceFacts = { multi, multiSpaced: multi?.map((name) => name.replace(/-/g, ' ')), known: latinPlaces.has(info.key) };
    info.place = facts;
  }
  return info.place as LatinPlaceFacts;
}

export function detectLatinPlaces(text: string, sink: Sink): void {
  const { latinPlaces } = getIndex();
  const tokens = latinTokens(text);
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (!token.capitalised) continue;
    const start = token.start;
    if (start > 0 && letterOrDigitBefore(text, start)) continue;
    const key = token.key;
    const facts = latinPlaceFactsOf(token.info);
    // Multi-word names first: "Chiang Rai", "Luang Namtha", "North Hamgyong".
    const multi = facts.multi;
    let matched = false;
    if (multi) {
      for (let n = 0; n < multi.length; n++) {
        const name = multi[n]!;
        const candidate = text.slice(start, start + name.length);
        if (candidate.toLowerCase().replace(/-/g, ' ') === facts.multiSpaced![n] && !/[\p{L}]/u.test(text[start + name.length] ?? '')) {
          sink.add(start, start + name.length, 'PLACE', 0.9, 'gazetteer place');
          while (t + 1 < tokens.length && tokens[t + 1]!.start < start + name.length) t++;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    // Hyphenated words are tokens joined by "-": "Hoeryong-si", "Zamyn-Uud".
    let end = token.end;
    let joined = key;
    let last = t;
    while (last + 1 < tokens.length && text.charCodeAt(tokens[last]!.end) === 45 && tokens[last + 1]!.start === tokens[last]!.end + 1) {
      last++;
      joined += `-${tokens[last]!.key}`;
      end = tokens[last]!.end;
    }
    const hyphenated = last > t;
    const bare = hyphenated ? joined.replace(/-(?:si|gun|guyok|kuyok|gu|ku|do|ri|dong|up|eup)$/, '') : joined;
    if ((hyphenated ? latinPlaces.has(joined) : facts.known) || (hyphenated && (latinPlaces.has(joined.replace(/-/g, ' ')) || (bare !== joined && latinPlaces.has(bare))))) {
      if (/^\s+(?:River|river|Stream|Mountains|Mountain Range|Sea)\b/.test(text.slice(end, end + 12))) continue;
      sink.add(start, end, 'PLACE', 0.9, 'gazetteer place');
      t = last;
      continue;
    }
  }
  let m: RegExpExecArray | null;
  execAtWords(BAN_VILLAGE, text, text, BAN_WORD, (b) => sink.add(b.index, b.index + b[0].length, 'PLACE', 0.7, 'village after "Ban"'));
  EN_PLACE_PATTERN.lastIndex = 0;
  while ((m = EN_PLACE_PATTERN.exec(text)) !== null) {
    const first = m[1]!;
    if (EN_LEADING_NON_NAMES.has(first) || /['’]s$/.test(first) || /^(?:Train|Bus|Railway|Border|Farmers|Jangmadang|Home|Capital|Fish|Black|Free|Night|Food|Flea|Central|Police|Which|What|Whole|Town|City|West|East|Western|Eastern|Northern|Southern)$/.test(first)) {
      // "South Pyongan Province": the name may start at the next word.
      EN_PLACE_PATTERN.lastIndex = m.index + first.length + 1;
      continue;
    }
    // "Follow-up", "Grown-up", "Pick-up": an English word before -up/-do/-gun is no Korean place.
    if (m[2] && EN_COMMON.has(first.toLowerCase())) continue;
    sink.add(m.index, m.index + m[0].length, 'PLACE', 0.7, 'English place pattern');
  }
}

// Sticky: run only where their first word starts (execAtWords).
const PLACE_AFTER_PREPOSITION = /\b(?:in|near|from|to|outside|around|via|through|towards?|into|at)\s(?:the\s)?([A-Z][a-z]{3,14}(?:-[A-Za-z][a-z]+)?)\b(?!\s[A-Z])/y;
const PREPOSITIONS = registerCueWords(['in', 'near', 'from', 'to', 'outside', 'around', 'via', 'through', 'toward', 'towards', 'into', 'at']);
const PLACE_BEFORE_AREA = /\b(?:the\s)([A-Z][a-z]{3,14}(?:-[A-Za-z][a-z]+)?)\s(?:area|region|district|village|town|township|neighbou?rhood|county|valley|border area|(?:Korean\s|Chinese\s|old\s)?quarter)\b/y;
const THE = registerCueWords(['the']);
/** A Hangul word after an English preposition, in English text: "a farmer in 월청", "from 무산". */
const HANGUL_AFTER_PREPOSITION = /\b(?:in|near|from|to|outside|around|via|through|towards?|into|at)\s(?:the\s)?([\uac00-\ud7a3]{2,6})(?![\uac00-\ud7a3])/y;
const ROMAN_SYLLABLES = /^(?:(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|kk|tt|pp|ss|jj)?(?:a|ae|ai|ao|ya|yae|eo|o|e|ei|yeo|yo|you|ye|wa|wae|oe|oi|u|wo|we|wi|yu|eu|ui|i|ia|ie|iu|iao|ian|oo|ou|ee|uo|ua|uai)(?:ng|n|m|k|l|p|t|r)?){2,4}$/;

/** An unknown capitalised word that reads as romanised Korean or pinyin after "in", "near", "from" … or before "area". */
export function detectRomanisedPlaces(text: string, sink: Sink, isName: (word: string) => boolean, hasHangul = false): void {
  if (hasHangul) {
    execAtWords(HANGUL_AFTER_PREPOSITION, text, text, PREPOSITIONS, (m) => {
      const word = m[1]!;
      if (KO_STOPWORDS.has(word) || KO_NOT_PLACES.has(word)) return;
      const start = m.index + m[0].length - word.length;
      sink.add(start, start + word.length, 'PLACE', 0.6, 'Hangul name after an English preposition');
    });
  }
  for (const [re, cue] of [[PLACE_AFTER_PREPOSITION, PREPOSITIONS], [PLACE_BEFORE_AREA, THE]] as const) {
    execAtWords(re, text, text, cue, (m) => {
      const word = m[1]!;
      const key = word.toLowerCase().replace(/-/g, '');
      if (!ROMAN_SYLLABLES.test(key) || isName(word) || isLatinPlace(word)) return;
      const start = m.index + m[0].indexOf(word);
      sink.add(start, start + word.length, 'PLACE', 0.55, re === PLACE_BEFORE_AREA ? 'romanised name before "area"' : 'romanised name after a preposition');
    });
  }
}

const FACILITY_AFTER_NAME = /^\s(?:political prison camp|prison camp|labou?r camp|re-?education camp|camp|prison|kwalliso|kyohwaso|detention cent(?:re|er)|holding cent(?:re|er))\b/i;
/** A Lao or Thai village: Ban Nam Keun, Ban Houaykhoum (not Ban Ki-moon). */
const BAN_VILLAGE = /Ban\s(?!Ki\b)[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?\b/y;
const BAN_WORD = registerCueWords(['ban']);

export function detectLatinFacilities(text: string, sink: Sink): void {
  const { latinFacilities } = getIndex();
  let m: RegExpExecArray | null;
  EN_NUMBERED.lastIndex = 0;
  while ((m = EN_NUMBERED.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.95, 'numbered camp or unit');
  EN_ROMAN_FACILITY.lastIndex = 0;
  while ((m = EN_ROMAN_FACILITY.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.9, 'romanised facility');
  EN_FACILITY.lastIndex = 0;
  const hasFacilityHead = EN_FACILITY_HEAD_ANYWHERE.test(text);
  while (hasFacilityHead && (m = EN_FACILITY.exec(text)) !== null) {
    let words = m[1]!.trim().split(/\s+/);
    while (words.length > 0 && EN_LEADING_NON_NAMES.has(words[0]!)) words = words.slice(1);
    if (words.length === 0) continue;
    const headAndWords = `${words.join(' ')} ${m[2]!}`;
    if (GENERIC_EN_FACILITY_PHRASES.test(headAndWords)) continue;
    const prefix = words.join(' ');
    const start = m.index + m[0].indexOf(prefix);
    sink.add(start, m.index + m[0].length, 'FACILITY', 0.8, `facility "${m[2]}"`);
    EN_FACILITY.lastIndex = m.index + m[0].length;
  }
  // A known place and a facility in lower case: "the Onsong security office", "the Musan holding centre".
  EN_PLACE_FACILITY.lastIndex = 0;
  while ((m = EN_PLACE_FACILITY.exec(text)) !== null) {
    const place = m[1]!;
    const bare = place.replace(/['’]s$/, '');
    if (!isLatinPlace(bare) && !isLatinPlace(place.split(/\s/)[0]!)) {
      // "Old Hyesan jail": the facility starts at the place.
      const second = place.split(/\s/)[1];
      if (second && isLatinPlace(second.replace(/['’]s$/, ''))) sink.add(m.index + place.indexOf(second), m.index + m[0].length, 'FACILITY', 0.85, `facility "${m[2]}" after a place`);
      continue;
    }
    sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.85, `facility "${m[2]}" after a place`);
  }
  // Gazetteer facility names ("Yodok", "Chongori") written alone.
  for (const token of latinTokens(text)) {
    if (!token.capitalised) continue;
    const names = latinFacilities.get(token.key);
    if (!names) continue;
    const ahead = text.slice(token.start, token.start + 60).normalize('NFKD').replace(/\p{M}/gu, '').replace(/['’]/g, '').toLowerCase();
    const name = names.find((n) => ahead.startsWith(n) && !/[a-z]/.test(ahead[n.length] ?? ''));
    if (!name || name.length < 5) continue;
    // "the Yodok camp", "Chongori kyohwaso": the generic word after the name belongs to it.
    const generic = FACILITY_AFTER_NAME.exec(text.slice(token.start + name.length, token.start + name.length + 32));
    sink.add(token.start, token.start + name.length + (generic ? generic[0].length : 0), 'FACILITY', 0.9, 'gazetteer facility');
  }
}

// ---------------------------------------------------------------------------------------------
// Street addresses (South Korea, where defectors settle): 목동로 12길, 세종대로 209, Mokdong-ro 12-gil

/** A road with a numbered side street: 목동로 12길, 중앙로12번길 34. */
const KO_ROAD_AND_STREET = /[\uac00-\ud7a3]{1,8}(?:대로|로)\s?\d{1,4}번?길(?:\s?\d{1,4}(?:-\d{1,4})?(?!\d))?/g;
/** A road and house number right after a district, city or neighbourhood: 양천구 목동로 212, 해운대구 우동 1408-3. */
const KO_ROAD_AFTER_DISTRICT = /(?<=[\uac00-\ud7a3](?:구|시|군|동|읍|면)\s)[\uac00-\ud7a3]{1,8}(?:대로|로|길)\s?\d{1,4}(?:-\d{1,4})?(?!\d|-|\s?(?:명|시|분|월|일|년|번|개|킬로|키로|미터|리|살|세|층|km|m\b))/g;
/** Romanised: Mokdong-ro 12-gil, 12 Mokdong-ro, Sejong-daero 209. */
const EN_ROAD = /\b(?:\d{1,4}(?:-\d{1,4})?\s)?[A-Z][a-z]+(?:-[a-z]+)?-(?:daero|ro|gil)\b(?:\s\d{1,4}(?:-(?:beon-)?gil)?\b)?/g;

/** What every Korean address has: a road word right before a number. */
const ROAD_NUMBER = /[로길]\s?\d/;

export function detectAddresses(text: string, sink: Sink, hasHangul: boolean): void {
  let m: RegExpExecArray | null;
  if (hasHangul && ROAD_NUMBER.test(text)) {
    for (const [re, score, reason] of [[KO_ROAD_AND_STREET, 0.85, 'road and street number'], [KO_ROAD_AFTER_DISTRICT, 0.75, 'road after a district']] as const) {
      re.lastIndex = 0;
      while ((m = re.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'PLACE', score, reason);
    }
  }
  if (text.includes('-ro') || text.includes('-gil') || text.includes('-daero')) {
    EN_ROAD.lastIndex = 0;
    while ((m = EN_ROAD.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'PLACE', 0.8, 'romanised road address');
  }
}
