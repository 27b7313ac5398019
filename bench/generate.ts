/**
 * Deterministic generator of realistic testimony inputs for `npm run bench`. Names are built from
 * syllable lists (no real people), places come from the gazetteer, violation and institution codes
 * from the vocabularies. About half the narratives are Korean, half English, 1–3 KB (UTF-8) each.
 * A rare marker word is planted in about 0.1% of testimonies so that a rare-term search can be timed.
 */
import { childrenOf, isNkPlace, listFacilities, listProvinces, placeLabel, type Place } from '@shared/gazetteer';
import { INSTITUTION_TERMS, VIOLATION_TERMS } from '@shared/testimony/vocabulary';
import type { TestimonyInput } from '@shared/testimony/schema';

/** Planted in ~0.1% of testimonies (Latin letters, so it is one token in Korean text too). */
export const RARE_MARKER = 'quillwort';
/** Korean rare marker, planted alongside the Latin one. */
export const RARE_MARKER_KO = '뻐꾸기시계';
export const RARE_MARKER_RATE = 0.001;

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

// ---------------------------------------------------------------------------------------------
// Names

const SURNAMES: ReadonlyArray<readonly [string, string]> = [
  ['김', 'Kim'], ['리', 'Ri'], ['박', 'Pak'], ['최', 'Choe'], ['정', 'Jong'], ['강', 'Kang'], ['조', 'Jo'],
  ['윤', 'Yun'], ['장', 'Jang'], ['림', 'Rim'], ['한', 'Han'], ['오', 'O'], ['서', 'So'], ['신', 'Sin'],
  ['권', 'Kwon'], ['황', 'Hwang'], ['안', 'An'], ['송', 'Song'], ['류', 'Ryu'], ['홍', 'Hong'],
];
const GIVEN_SYLLABLES: ReadonlyArray<readonly [string, string]> = [
  ['영', 'yong'], ['희', 'hui'], ['철', 'chol'], ['수', 'su'], ['민', 'min'], ['정', 'jong'], ['순', 'sun'],
  ['옥', 'ok'], ['광', 'kwang'], ['혁', 'hyok'], ['성', 'song'], ['남', 'nam'], ['명', 'myong'], ['호', 'ho'],
  ['은', 'un'], ['경', 'kyong'], ['미', 'mi'], ['숙', 'suk'], ['일', 'il'], ['용', 'yong'],
];

export interface GeneratedName {
  ko: string;
  en: string;
}

function makeName(random: Random): GeneratedName {
  const [surKo, surEn] = pick(random, SURNAMES);
  const [g1Ko, g1En] = pick(random, GIVEN_SYLLABLES);
  const [g2Ko, g2En] = pick(random, GIVEN_SYLLABLES);
  return { ko: `${surKo}${g1Ko}${g2Ko}`, en: `${surEn} ${g1En[0]!.toUpperCase()}${g1En.slice(1)}-${g2En}` };
}

// ---------------------------------------------------------------------------------------------
// Places

const PROVINCES = listProvinces();
const COUNTIES_BY_PROVINCE = new Map<string, Place[]>(
  PROVINCES.map((province) => [province.id, childrenOf(province.id).filter((place) => isNkPlace(place))]),
);
const PROVINCES_WITH_COUNTIES = PROVINCES.filter((province) => (COUNTIES_BY_PROVINCE.get(province.id)?.length ?? 0) > 0);
const FACILITIES = listFacilities();
const VIOLATION_CODES = VIOLATION_TERMS.map((term) => term.code);
const INSTITUTION_CODES = INSTITUTION_TERMS.map((term) => term.code);

// ---------------------------------------------------------------------------------------------
// Sentence templates. {name}, {place}, {province}, {year}, {other} are filled in.

const KO_SENTENCES: readonly string[] = [
  '저는 {year}년에 {place}에서 태어났습니다.',
  '{year}년 겨울에 식량이 떨어져서 온 가족이 굶주렸습니다.',
  '아버지는 {place} 탄광에서 로동을 하셨는데 배급이 끊긴 뒤로 장마당에 나가셨습니다.',
  '어머니는 {province}의 협동농장에서 노동을 하셨습니다.',
  '{name} 동무가 보위부에 끌려간 뒤로 아무 소식이 없었습니다.',
  '그때 {place} 보위부 구류장에 석 달 동안 갇혀 있었습니다.',
  '예심 과정에서 매일 구타를 당했고 꿇어앉아 있어야 했습니다.',
  '{year}년 봄에 두만강을 건너 중국으로 갔습니다.',
  '중국 공안에 붙잡혀 강제송환되었고 {place} 집결소로 넘겨졌습니다.',
  '집결소에서는 하루에 옥수수 한 줌밖에 주지 않았습니다.',
  '{name}(이)라는 브로커가 연길까지 데려다 주겠다고 했습니다.',
  '로동단련대에서 여섯 달 동안 강제로 일을 했습니다.',
  '인민반장이 밤마다 집에 와서 누가 외부 영상물을 보는지 물었습니다.',
  '{year}년에 공개처형을 보라고 학생들까지 모두 장마당 앞에 모이게 했습니다.',
  '교화소에서는 영양실조로 죽는 사람이 많았습니다.',
  '동생 {name}은(는) 그 뒤로 행방을 알 수 없습니다.',
  '남편의 집안 성분이 나쁘다고 해서 {province} 산골로 추방되었습니다.',
  '돌격대에 동원되어 {place}에서 도로 공사를 했습니다.',
  '보위원이 자백서를 쓰라고 강요했고 쓰지 않으면 가족이 다친다고 했습니다.',
  '국경경비대에 뇌물을 주고 나서야 강을 건널 수 있었습니다.',
  '{other}에 사는 친척에게서 편지가 왔다는 이유로 조사를 받았습니다.',
  '병이 났는데도 구류장에서는 약을 한 알도 주지 않았습니다.',
  '중국에서 팔려 가 {place} 근처 농촌 남자와 강제로 결혼하게 되었습니다.',
  '우리 마을에서는 {year}년부터 배급이 완전히 끊겼습니다.',
  '탈북하다 잡힌 사람들은 로동당 간부 앞에서 비판을 받았습니다.',
  '{name} 선생님은 한국 드라마를 봤다는 이유로 잡혀갔습니다.',
  '그 일이 있은 뒤 저는 {year}년에 라오스를 거쳐 한국에 왔습니다.',
  '임신한 여성들은 집결소에서 강제로 낙태를 당했습니다.',
  '안전부 조사실에서 손을 뒤로 묶인 채 몇 시간씩 서 있었습니다.',
  '지금도 {province}에 남은 가족이 걱정됩니다.',
];

const EN_SENTENCES: readonly string[] = [
  'I was born in {place} in {year}.',
  'In the winter of {year} our family ran out of food and we went hungry for weeks.',
  'My father worked in a coal mine near {place}, and after the rations stopped he traded at the market.',
  'My mother did forced labour on a cooperative farm in {province}.',
  'After {name} was taken by the State Security agents, we never heard from him again.',
  'I was held in the State Security detention cells in {place} for three months.',
  'During the interrogation I was beaten every day and made to kneel for hours.',
  'In the spring of {year} I crossed the Tumen River into China.',
  'The Chinese police caught me and I was forcibly repatriated to the holding centre in {place}.',
  'In the holding centre they gave us only a handful of corn a day.',
  'A broker called {name} promised to take me as far as Yanji.',
  'I was sent to a labour training camp for six months.',
  'The head of the people\'s unit came every night to ask who was watching foreign films.',
  'In {year} everyone, even schoolchildren, was made to watch a public execution near the market.',
  'Many people in the prison died of malnutrition.',
  'My younger brother {name} has been missing ever since.',
  'Because my husband\'s family had bad songbun we were banished to the mountains of {province}.',
  'We were mobilised into a shock brigade to build roads in {place}.',
  'The interrogator forced me to write a confession and said my family would suffer if I refused.',
  'Only after we bribed the border guards could we cross the river.',
  'I was questioned because a letter had come from a relative living in {other}.',
  'Even when I fell ill, the guards at the detention cells gave me no medicine at all.',
  'In China I was sold and forced to marry a farmer near {place}.',
  'From {year} the public distribution system stopped completely in our village.',
  'People caught trying to escape were criticised in front of Workers\' Party officials.',
  'Our teacher {name} was arrested for watching South Korean dramas.',
  'After that, in {year}, I came to South Korea through Laos.',
  'Pregnant women in the holding centre were forced to have abortions.',
  'In the police interrogation room I stood for hours with my hands tied behind my back.',
  'I still worry about the family I left behind in {province}.',
];

const KO_TITLES = ['{place} 출신 {who}의 {what} 증언', '{year}년 {place}에서의 {what}', '{who}의 {what} 경험', '{province} {what} 사건'];
const KO_WHO = ['여성', '남성', '청년', '노동자', '교원', '농장원', '대학생'];
const KO_WHAT = ['강제송환', '구금', '고문', '강제노동', '공개처형 목격', '인신매매', '가족 분리', '식량난'];
const EN_TITLES = ['Testimony of a {who} from {place} on {what}', '{what} in {place}, {year}', 'A {who}\'s account of {what}', '{what} in {province}'];
const EN_WHO = ['woman', 'man', 'young worker', 'miner', 'teacher', 'farm worker', 'student'];
const EN_WHAT = ['forced repatriation', 'detention', 'torture', 'forced labour', 'a public execution', 'trafficking', 'family separation', 'famine'];

const OTHER_PLACES_KO = ['중국', '한국', '러시아', '일본', '연길', '심양'];
const OTHER_PLACES_EN = ['China', 'South Korea', 'Russia', 'Japan', 'Yanji', 'Shenyang'];

function fill(random: Random, template: string, language: 'ko' | 'en', names: GeneratedName[], home: { county: Place; province: Place }): string {
  return template.replace(/\{(name|place|province|year|other|who|what)\}/g, (_, key: string) => {
    switch (key) {
      case 'name':
        return pick(random, names)[language];
      case 'place': {
        // Mostly the home county, sometimes anywhere in the country.
        const province = random() < 0.6 ? home.province : pick(random, PROVINCES_WITH_COUNTIES);
        const county = random() < 0.6 && province === home.province ? home.county : pick(random, COUNTIES_BY_PROVINCE.get(province.id)!);
        return placeLabel(county, language);
      }
      case 'province':
        return placeLabel(home.province, language);
      case 'year':
        return String(between(random, 1995, 2020));
      case 'other':
        return pick(random, language === 'ko' ? OTHER_PLACES_KO : OTHER_PLACES_EN);
      case 'who':
        return pick(random, language === 'ko' ? KO_WHO : EN_WHO);
      case 'what':
        return pick(random, language === 'ko' ? KO_WHAT : EN_WHAT);
      default:
        return key;
    }
  });
}

function makeDate(random: Random): string {
  const year = between(random, 1995, 2020);
  const kind = random();
  if (kind < 0.4) return String(year);
  if (kind < 0.6) return `${year}-${String(between(random, 21, 24))}`;
  if (kind < 0.8) return `${year}-${String(between(random, 1, 12)).padStart(2, '0')}`;
  if (kind < 0.9) return `${year}~`;
  return `${year}/${Math.min(year + between(random, 1, 3), 2020)}`;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

export interface GeneratedTestimony {
  input: TestimonyInput;
  language: 'ko' | 'en';
  hasRareMarker: boolean;
}

/** One testimony, fully determined by (seed, index). */
export function generateTestimony(seed: number, index: number): GeneratedTestimony {
  const random = seededRandom((seed * 1_000_003 + index * 2_654_435_761) >>> 0);
  const language: 'ko' | 'en' = random() < 0.5 ? 'ko' : 'en';
  const province = pick(random, PROVINCES_WITH_COUNTIES);
  const county = pick(random, COUNTIES_BY_PROVINCE.get(province.id)!);
  const home = { province, county };
  const names = Array.from({ length: between(random, 2, 4) }, () => makeName(random));
  const hasRareMarker = random() < RARE_MARKER_RATE;

  const targetBytes = between(random, 1000, 3000);
  const templates = language === 'ko' ? KO_SENTENCES : EN_SENTENCES;
  const sentences: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const sentence = fill(random, pick(random, templates), language, names, home);
    sentences.push(sentence);
    bytes += utf8Length(sentence) + 1;
  }
  if (hasRareMarker) {
    const at = Math.floor(random() * sentences.length);
    sentences[at] = language === 'ko'
      ? `${sentences[at]} 그 방에는 ${RARE_MARKER_KO}가 걸려 있었고 사람들은 그것을 ${RARE_MARKER}라고 불렀습니다.`
      : `${sentences[at]} There was a ${RARE_MARKER} plant on the window sill.`;
  }
  // Paragraphs of 3–6 sentences.
  const paragraphs: string[] = [];
  for (let start = 0; start < sentences.length; ) {
    const length = between(random, 3, 6);
    paragraphs.push(sentences.slice(start, start + length).join(' '));
    start += length;
  }
  const narrative = paragraphs.join('\n\n');

  const titleTemplate = pick(random, language === 'ko' ? KO_TITLES : EN_TITLES);
  const title = fill(random, titleTemplate, language, names, home);

  const people: NonNullable<TestimonyInput['people']> = [
    { id: 'self', relation: 'self' },
    ...names.map((name, n) => ({
      id: `p${n + 1}`,
      relation: pick(random, ['parent', 'sibling', 'spouse', 'neighbour', 'broker', 'guard', 'interrogator', 'official'] as const),
      name: language === 'ko' ? name.ko : name.en,
      otherNames: random() < 0.3 ? [language === 'ko' ? name.en : name.ko] : [],
    })),
  ];

  const eventCount = between(random, 1, 4);
  const events: NonNullable<TestimonyInput['events']> = [];
  for (let e = 0; e < eventCount; e++) {
    const violationCount = between(random, 1, 3);
    const violations = new Set<string>();
    while (violations.size < violationCount) violations.add(pick(random, VIOLATION_CODES));
    const eventProvince = random() < 0.7 ? province : pick(random, PROVINCES_WITH_COUNTIES);
    const event: NonNullable<TestimonyInput['events']>[number] = {
      id: `e${e + 1}`,
      violations: [...violations] as NonNullable<TestimonyInput['events']>[number]['violations'],
      date: makeDate(random),
      place: { gazetteerId: pick(random, COUNTIES_BY_PROVINCE.get(eventProvince.id)!).id },
      victimIds: ['self'],
    };
    if (random() < 0.3 && FACILITIES.length > 0) event.facility = { facilityId: pick(random, FACILITIES).id };
    if (random() < 0.6) {
      event.perpetrators = [{ institution: pick(random, INSTITUTION_CODES) as never, personId: `p${between(random, 1, names.length)}` }];
    }
    events.push(event);
  }

  const birthYear = between(random, 1950, 2000);
  const input: TestimonyInput = {
    title: title.slice(0, 300),
    interviewee: {
      code: `NK-${between(random, 2005, 2024)}-${String(index).padStart(6, '0')}`,
      birthYear,
      sex: pick(random, ['female', 'female', 'male', 'undisclosed'] as const),
      homeProvince: { gazetteerId: province.id },
      homeCounty: { gazetteerId: county.id },
      yearLeftNorthKorea: Math.min(birthYear + between(random, 18, 45), 2020),
      currentCountry: pick(random, ['KR', 'KR', 'KR', 'CN', 'GB', 'US']),
    },
    people,
    events,
    narrative: { language, text: narrative },
    tags: random() < 0.2 ? [language === 'ko' ? '재검토' : 'follow-up'] : [],
  };
  return { input, language, hasRareMarker };
}

/** Testimonies [from, to) of the deterministic sequence for `seed`. */
export function* generateTestimonies(seed: number, from: number, to: number): Generator<GeneratedTestimony> {
  for (let index = from; index < to; index++) yield generateTestimony(seed, index);
}
