/**
 * PERSON recognisers. Korean: surname + given name with particles (김영철은 → 김영철), surname + title
 * (최 과장, 방씨), given name alone with the familiar 이 (윤철이는) or after a kinship word (동생 옥희),
 * nicknames (까마귀라는 형, '빨간바지'라고 불리던), Chinese names in Hangul and in characters.
 * English: romanised Korean names in either order (Kim Young-chul, Yong-chol Kim), pinyin names,
 * names after titles (Mr. Pak, Sergeant Cho), after "called"/"named", and after kinship words.
 * Words that only look like names (한 번, 장마당, 배를 타고) are kept out by the stop-lists and by
 * requiring evidence: a particle that follows names, a title, a kinship word, or repetition.
 */
import {
  COMPOUND_SURNAMES as COMPOUND_SURNAMES_, COMPOUND_SURNAME_SET as COMPOUND_SURNAME_SET_, EN_COMMON as EN_COMMON_, EN_KINSHIP as EN_KINSHIP_, EN_LEADERS as EN_LEADERS_, EN_TITLES as EN_TITLES_, FOREIGN_NAME_SYLLABLES as FOREIGN_NAME_SYLLABLES_, GIVEN_STRICT as GIVEN_STRICT_, GIVEN_FINAL as GIVEN_FINAL_, GIVEN_SYLLABLES as GIVEN_SYLLABLES_, HAN_SURNAMES as HAN_SURNAMES_, KINSHIP_BEFORE as KINSHIP_BEFORE_, KO_LEADERS as KO_LEADERS_, KO_STOPWORDS as KO_STOPWORDS_, NICKNAME_HEADS as NICKNAME_HEADS_, PINYIN_SURNAMES as PINYIN_SURNAMES_, ROMAN_SURNAMES as ROMAN_SURNAMES_, SURNAMES as SURNAMES_, SURNAME_TITLE_EXCLUDED as SURNAME_TITLE_EXCLUDED_, TITLES as TITLES_, honorificAtStart, titleAtStart,
} from './lexicon';
import { COMPOUND_SURNAME_FIRSTS, LEADER_FIRSTS, WORD_HEAD, WORD_KIN, WORD_STOP, WORD_TITLE, wordFlags } from './lexicon';
import { firstSyllables, hasFinalConsonant, isHangulAt } from './hangul';
import { isParticleTail } from './particles';
import { detectHanPlaces, isHanPlace, isLatinPlace } from './places';
import { hangulWords as hangulWordsOf, type Sink, type Word } from './scan';

// Local bindings of the word lists: read in the hottest loops, so no indirection through module exports.
const COMPOUND_SURNAMES = COMPOUND_SURNAMES_;
const COMPOUND_SURNAME_SET = COMPOUND_SURNAME_SET_;
const EN_COMMON = EN_COMMON_;
const EN_KINSHIP = EN_KINSHIP_;
const EN_LEADERS = EN_LEADERS_;
const EN_TITLES = EN_TITLES_;
const FOREIGN_NAME_SYLLABLES = FOREIGN_NAME_SYLLABLES_;
const GIVEN_STRICT = GIVEN_STRICT_;
const GIVEN_FINAL = GIVEN_FINAL_;
const GIVEN_SYLLABLES = GIVEN_SYLLABLES_;
const HAN_SURNAMES = HAN_SURNAMES_;
const KINSHIP_BEFORE = KINSHIP_BEFORE_;
const KO_LEADERS = KO_LEADERS_;
const KO_STOPWORDS = KO_STOPWORDS_;
const NICKNAME_HEADS = NICKNAME_HEADS_;
const PINYIN_SURNAMES = PINYIN_SURNAMES_;
const ROMAN_SURNAMES = ROMAN_SURNAMES_;
const SURNAMES = SURNAMES_;
const SURNAME_TITLE_EXCLUDED = SURNAME_TITLE_EXCLUDED_;
const TITLES = TITLES_;

const STRONG_NAME_TAILS = /^(?:이라는|라는|이고|입니다|입니까|이었|였|이에요|예요|이라고|라고|이랑|랑|한테|에게|하고|씨|님|동무|이는|이가|이를|이도|이와|이네|이하고|이한테)/;
/** Particles that may follow the familiar 이 of a given name: 윤철이는, 미란이가, 은실이네. */
const FAMILIAR_AFTER_I = /^(?:는|가|를|도|와|랑|의|한테|에게|하고|네|만|까지|야|나|랑은|는요|가요|도요|한테서|에게서|하고는|네는|네가|네도|네서|네를|네한테|처럼|보다|마저|조차|는데|라는|라고|라도)/;
/** Kinship and role words after which the next word is a given name (동생 옥희, 친구 말순이). */
const GIVEN_NAME_CONTEXT = new Set([
  '동생', '남동생', '여동생', '막내', '딸', '아들', '큰딸', '작은딸', '막내딸', '큰아들', '작은아들', '막내아들', '맏딸', '맏아들', '오빠', '언니',
  '형', '누나', '남편', '아내', '마누라', '안해', '친구', '조카', '조카딸', '손자', '손녀', '사촌', '사촌동생', '동무', '동기', '동료', '짝',
  '애인', '처', '부인', '엄마', '아빠', '어머니', '아버지', '며느리', '사위', '시동생', '시누이', '처제', '처남', '올케', '딸아이', '아이',
  '남자아이', '여자아이', '소년', '소녀', '청년', '처녀', '총각', '이름은', '이름이', '본명은', '본명이', '가명은', '가명이', '별명은', '별명이',
  '중국이름은', '한국이름은', '감방동료', '수감자', '친척', '외삼촌', '삼촌', '이모', '고모', '큰언니', '작은언니', '큰오빠', '작은오빠', '큰형',
  '작은형', '큰누나', '막냇동생', '쌍둥이', '브로커', '안내인', '선교사', '목사', '집사', '전도사', '주인', '사장', '보위원', '예심원', '계호원',
  '안전원', '보안원', '반장', '인민반장', '작업반장', '지도원', '군관', '중대장', '소대장', '분대장', '대대장', '정치지도원', '담당', '선생님',
  '그중', '그중에', '그중에서', '일행', '동행', '감방', '동창생', '짝꿍',
]);
const VERB_FINAL = /[하해했되돼됐시셨]$/;
const NOUN_PARTICLE = /^(?:은|는|이|가|을|를|의|와|과|에게|한테|도|만|랑|이랑|씨|님|동무|하고)$/;
const PARTICLE_WORD = /^(?:이라|이라고|이라는|이란|이다|이었|이에|이고|이며|이나|이든|이면|이야|이지|에서|에게|한테|부터|까지|처럼|보다|하고|라고|라는|라도|마저|조차)/;
const NAME_IS_CONTEXT = /^(?:이름은|이름이|본명은|본명이|가명은|가명이|별명은|별명이|중국이름은|한국이름은|저는|나는|제가|내가|본인은|저|나|저도|그중|그중에|면담자|면담자는|구술자|구술자는|면담자:|구술자:)$/;

/** A 2-syllable given name joined to a name found just before: 왕재호와 길수가. */
export function detectCoordinatedNames(text: string, words: readonly Word[], sink: Sink): void {
  let personEnds: Set<number> | undefined;
  for (let wi = 1; wi < words.length; wi++) {
    const prev = words[wi - 1]!;
    const last = text.charCodeAt(prev.end - 1);
    // 와 과 고(하고) 랑: the only endings of a joining word; everything else is skipped before any slicing.
    if (last !== 0xc640 && last !== 0xacfc && last !== 0xace0 && last !== 0xb791) continue;
    const prevText = prev.entry.w;
    const joined = /(?:와|과|하고|랑|이랑|이와|이하고)$/.exec(prevText);
    if (!joined) continue;
    if (!personEnds) {
      personEnds = new Set<number>();
      for (const span of sink.spans) if (span.type === 'PERSON' && span.score >= 0.6) personEnds.add(span.end);
    }
    if (!personEnds.has(prev.end - joined[0].length) || !adjacentWords(text, prev, words[wi]!)) continue;
    const { start, end } = words[wi]!;
    const w = words[wi]!.entry.w;
    const given = w.slice(0, 2);
    const rest = w.slice(2);
    if (allIn(GIVEN_SYLLABLES, given) && !KO_STOPWORDS.has(given) && !KINSHIP_BEFORE.has(given) && (isParticleTail(rest) || (rest.startsWith('이') && isParticleTail(rest.slice(1))))) {
      sink.add(start, start + 2, 'PERSON', 0.65, 'given name joined to a name');
    }
  }
}

function allIn(set: { all(s: string): boolean }, s: string): boolean {
  return set.all(s);
}

function isBlank(text: string, from: number, to: number, extra = ''): boolean {
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch !== ' ' && ch !== '\t' && !extra.includes(ch)) return false;
  }
  return true;
}

function adjacentWords(text: string, a: Word, b: Word): boolean {
  return b.start - a.end <= 2 && isBlank(text, a.end, b.start);
}

/** Word `wi - 1` counts as the previous word when only spaces (or a quote) separate them. */
function previousAdjacent(text: string, words: readonly Word[], wi: number): boolean {
  if (wi === 0) return false;
  const prev = words[wi - 1]!;
  const start = words[wi]!.start;
  return start - prev.end <= 3 && start > prev.end && isBlank(text, prev.end, start, '"“\'‘');
}

function nextAdjacent(text: string, words: readonly Word[], wi: number): boolean {
  if (wi + 1 >= words.length) return false;
  const next = words[wi + 1]!;
  const end = words[wi]!.end;
  return next.start - end <= 2 && next.start > end && isBlank(text, end, next.start);
}

const KIN_FIRSTS = firstSyllables([...KINSHIP_BEFORE_, ...GIVEN_NAME_CONTEXT]);
const KIN_PARTICLES = new Set(['은', '는', '이', '가', '인', '의', '도', '와', '과', '이던', '였던', '이었던', '분', '님']);

/** Strips a particle from a kinship word: "동생은" → "동생", "친구인" → "친구". */
function kinshipOf(word: string): string | undefined {
  if (KINSHIP_BEFORE.has(word)) return word;
  for (let cut = word.length - 1; cut >= Math.max(1, word.length - 3); cut--) {
    if (KIN_PARTICLES.has(word.slice(cut)) && KINSHIP_BEFORE.has(word.slice(0, cut))) return word.slice(0, cut);
  }
  return undefined;
}

function isLatinLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
}

/** An English word (two letters or more; not the "Q:" and "A:" of an interview) right before or after. */
function inLatinContext(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && start - i <= 4 && !isLatinLetter(text[i]) && !isHangulAt(text, i)) i--;
  if (i >= 1 && isLatinLetter(text[i]) && isLatinLetter(text[i - 1])) return true;
  let j = end;
  while (j < text.length && j - end <= 3 && !isLatinLetter(text[j]) && !isHangulAt(text, j)) j++;
  return isLatinLetter(text[j]) && isLatinLetter(text[j + 1]) && text[j + 1] !== undefined && !(text[j] === 's' && !isLatinLetter(text[j + 1]));
}

const HAS_LATIN = /[A-Za-z]/;
function noLatinContext(_text: string, _start: number, _end: number): boolean {
  return false;
}
const PERSON_WORDS = new Set(['사람', '여자', '남자', '청년', '아이', '처녀', '총각', '할머니', '할아버지', '아저씨', '아주머니', '농민', '상인', '브로커', '안내인', '군인', '경찰']);
const NATIONALITY_WORDS = new Set(['라오스', '태국', '중국', '조선족', '한족', '베트남', '몽골', '캄보디아', '미얀마', '버마', '러시아', '중국인', '태국인', '라오인', '몽골인', '한국', '일본']);

/** Only spaces between `at` and the start of the text or the end of a sentence. */
function sentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  if (i < 0) return true;
  // . ! ? line break " “ :
  const c = text.charCodeAt(i);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x0a || c === 0x22 || c === 0x201c || c === 0x3a;
}

/** Roles that are followed by the person's name: "안내인 캄싸이가", "주인 쑨웨이가" (not kinship words: "아들 학교에"). */
const ROLE_BEFORE_NAME = new Set([
  '안내인', '길잡이', '브로커', '주인', '집주인', '식당주인', '사장', '통역', '통역원', '선교사', '목사', '집사', '전도사', '서기', '보위원', '예심원',
  '안전원', '보안원', '지도원', '계호원', '간수', '군관', '관리원', '규찰대원', '인민반장', '작업반장', '반장', '조장', '담당', '담당자', '담당관',
  '분주소장', '소장', '지배인', '기사장', '당비서', '운전수', '운전기사', '밀수꾼', '장사꾼', '중개인', '경비원', '경찰관', '공안원', '조사관',
  '신부', '수녀', '교수', '담임', '교장', '원장', '의사', '간호사', '경찰서장', '서장', '촌장', '이장', '경찰', '공안', '선장', '어부', '중대장', '소대장', '분대장', '대대장', '정치지도원', '중사', '하사', '상사',
  '소위', '중위', '대위', '소좌', '중좌', '상좌', '대좌', '군의', '통역관', '변호사', '사회복지사', '상담사', '신변보호관', '신변보호담당관',
]);

/** Surnames too rare to read a name into a word, but names before a title: 부 대위, 동 씨. */
const TITLE_ONLY_SURNAMES = new Set([
  '부', '동', '시', '내', '초', '사', '묵', '화', '강', '뇌', '하', '린', '란', '루', '빙', '순', '창', '춘', '풍', '필', '학', '흥', '종', '웅', '운',
  '뢰', '곡', '돈', '목', '상', '섭', '애', '영', '온', '음', '점', '준', '즙', '증', '탄', '평', '포', '호', '환',
  // Chinese surnames as Korean writes them from Chinese (쑹 사장, 궈 씨): one syllable, never a Korean word before a title.
  '쑹', '쑨', '뤄', '쉬', '궈', '셰', '탕', '펑', '덩', '쩡', '톈', '둥', '뤼', '쉐', '옌', '쟝', '첸', '샤',
]);
/** Titles that are posts of an institution: "구 당위원장" is the district's, "시 당비서" the city's. */
const INSTITUTIONAL_TITLES = /^(?:당비서|당위원장|위원장|인민위원장|보위부장|보안국장|보안서장|안전부장|책임비서|책임자|비서|부장|국장|처장|서장|검사|판사|지배인|대표|회장|동장|리당비서|지부장|분주소장)/;
/** Titles that are kinship words as well: "제 언니" is "my sister", "나 혼자". */
const KIN_TITLES = /^(?:할머니|할아버지|할매|할배|아주머니|아줌마|아저씨|아지미|아바이|오마니|언니|오빠|형|형님|누나|누님|삼촌|이모|고모|아재|총각|처녀|소년|소녀|선배|후배|동무|동지|영감)/;

/** A one-syllable word before a title is a surname unless it reads as a word before that title. */
function surnameBeforeTitle(w: string, title: string, next: string): boolean {
  if (/^(?:집|네)(?:$|[에은는이을를의도으서])/.test(next) || /^가족/.test(next)) return false;
  // 제 is "my" before every title but 씨; 나 is "I" before a kinship word.
  if (w === '제' || w === '저' || w === '내') return title === '씨';
  if (w === '나' || w === '너') return title === '씨' || !KIN_TITLES.test(next);
  // Syllables that are also administrative units or prefixes (도, 시, 군, 구, 소, 부, 동, 대, 중, 총): not before the post of an institution.
  if (SURNAME_TITLE_EXCLUDED.has(w) || w === '도' || w === '구' || w === '소' || w === '부' || w === '동' || w === '시') return !INSTITUTIONAL_TITLES.test(next);
  return true;
}

/** One way to read a word as surname + given name + what follows (김영철은 → 김 | 영철 | 은). */
interface NameReading {
  nameLength: number;
  givenLength: number;
  given: string;
  rest: string;
  /** An honorific glued after the name: 김영철씨, 김영철님. */
  restHonorific: string | undefined;
  strongTail: boolean;
  strictGiven: boolean;
  strictLast: boolean;
  restTail: boolean;
  /** The given name ends in a syllable names end in (희, 철, 매 …). */
  finalGiven: boolean;
  /** Surname and first given syllable make a common word (기술자 → 기술, 정치범 → 정치). */
  headIsWord: boolean;
}

/**
 * What a Hangul word is by itself, worked out once per distinct word and kept: Korean text repeats its
 * words (particles, verbs, names), and every rule below asks about the word, the word before and the
 * word after. Context (quotes, Latin text around, the neighbours) is looked at per occurrence.
 */
interface WordInfo {
  readonly w: string;
  readonly flags: number;
  /** The kinship or role word it is, without its particle (동생은 → 동생). */
  readonly kin: string | undefined;
  readonly title: string | undefined;
  readonly honorific: string | undefined;
  readonly nameIs: boolean;
  /** Starts with a top leader's name. */
  readonly leader: boolean;
  /** Is itself particles or a copula (이라고만, 에서부터). */
  readonly particleWord: boolean;
  readonly surnameFirst: boolean;
  readonly givenStart: boolean;
  /** Its first two syllables can be a given name alone: not a common word, a kinship word or a title. */
  readonly givenNameLike: boolean;
  readonly compound: string | undefined;
  /** Surname + given readings, in the order they are tried; empty when the word cannot be a full name. */
  readonly readings: readonly NameReading[];
  /** The word without its particle tail (the shortest core of two syllables or more). */
  readonly core: string;
  readonly foreignCore: string;
  /** The word without its last particle only (캄싸이가 → 캄싸이). */
  readonly nameCore: string;
  /** Starts with 개명 or 이름으로 (a name before it is a new name). */
  readonly renaming: boolean;
  /** Is a title that follows a name directly: 목사, 씨, 동무 … with a particle at most. */
  readonly strongTitle: boolean;
}

/** What a word of the text is by itself (kept on its entry, so worked out once per distinct word). */
function wordInfoOf(word: Word): WordInfo {
  const entry = word.entry;
  return (entry.person ??= analyseWord(entry.w)) as WordInfo;
}

function analyseWord(w: string): WordInfo {
  const first = w[0]!;
  const surnameFirst = SURNAMES.has(first);
  const compound = COMPOUND_SURNAME_FIRSTS.has(first) && w.length >= 2 && COMPOUND_SURNAME_SET.has(w.slice(0, 2)) ? w.slice(0, 2) : undefined;
  const flags = wordFlags(w);
  const readings: NameReading[] = [];
  const surnameLength = compound && w.length >= 3 ? 2 : surnameFirst ? 1 : 0;
  if (surnameLength > 0 && w.length >= 2 && !((wordFlags(w.slice(0, 2)) & WORD_STOP) !== 0 && isParticleTail(w.slice(2))) && (flags & WORD_STOP) === 0) {
    for (const givenLength of [2, 1]) {
      const nameLength = surnameLength + givenLength;
      if (w.length < nameLength) continue;
      const given = w.slice(surnameLength, nameLength);
      if (!allIn(GIVEN_SYLLABLES, given)) continue;
      const rest = w.slice(nameLength);
      const restHonorific = honorificAtStart(rest);
      const restTail = isParticleTail(rest);
      if (rest !== '' && !restHonorific && !restTail) continue;
      const name = w.slice(0, nameLength);
      if (KO_STOPWORDS.has(name) || (KO_STOPWORDS.has(w.slice(0, 3)) && isParticleTail(w.slice(3)))) break;
      // 오토바이가: a familiar 이 never follows a vowel, so 이 + particle after 토바 means the word goes on.
      if (rest.length >= 2 && rest[0] === '이' && !hasFinalConsonant(given[given.length - 1]) && FAMILIAR_AFTER_I.test(rest.slice(1)) && !/^이(?:라|었|에|다|고|며|야|지)/.test(rest)) continue;
      // 연락하면, 연결해, 강화하라는: a verb stem, not a name, unless a noun particle follows.
      if (VERB_FINAL.test(given) && rest !== '' && !NOUN_PARTICLE.test(rest)) continue;
      readings.push({ nameLength, givenLength, given, rest, restHonorific, strongTail: STRONG_NAME_TAILS.test(rest), strictGiven: allIn(GIVEN_STRICT, given), strictLast: GIVEN_STRICT.has(given[1]), restTail, finalGiven: GIVEN_FINAL.has(given[given.length - 1]), headIsWord: (wordFlags(w.slice(0, surnameLength + 1)) & (WORD_STOP | WORD_KIN | WORD_TITLE | WORD_HEAD)) !== 0 || KO_STOPWORDS.has(w.slice(0, nameLength)) });
    }
  }
  // The familiar 이 follows only a final consonant (영철이가): after a vowel (왕웨이와, 소피아가) a 이 is the name's own.
  const cutsName = (cut: number): boolean => isParticleTail(w.slice(cut)) && !(w[cut] === '이' && !hasFinalConsonant(w[cut - 1]));
  let core = w;
  for (let cut = Math.max(2, w.length - 6); cut < w.length; cut++) if (cutsName(cut)) { core = w.slice(0, cut); break; }
  let foreignCore = w;
  for (let cut = w.length - 1; cut >= 2; cut--) if (cutsName(cut)) foreignCore = w.slice(0, cut);
  // The name with only its last particle cut: 캄싸이가 → 캄싸이 (a foreign name may end in 이; a Korean 순이가 keeps a 이 too many, which is safe).
  let nameCore = w;
  for (let cut = w.length - 1; cut >= 2; cut--) {
    if (isParticleTail(w.slice(cut))) {
      nameCore = w.slice(0, cut);
      break;
    }
  }
  return {
    w,
    flags,
    kin: KIN_FIRSTS.has(first) ? kinshipOf(w) : undefined,
    title: titleAtStart(w),
    honorific: honorificAtStart(w),
    nameIs: NAME_IS_CONTEXT.test(w),
    leader: LEADER_FIRSTS.has(first) && (KO_LEADERS.has(w.slice(0, 3)) || KO_LEADERS.has(w)),
    particleWord: (isParticleTail(w.slice(1)) && !surnameFirst && !(w[1] === '씨' && TITLE_ONLY_SURNAMES.has(first))) || (w.length >= 2 && PARTICLE_WORD.test(w)),
    surnameFirst,
    givenStart: w.length >= 2 && GIVEN_SYLLABLES.has(first) && GIVEN_SYLLABLES.has(w[1]!),
    givenNameLike: w.length >= 2 && allIn(GIVEN_SYLLABLES, w.slice(0, 2)) && (wordFlags(w.slice(0, 2)) & (WORD_STOP | WORD_KIN | WORD_TITLE | WORD_HEAD)) === 0 && (w.length === 2 || !KO_STOPWORDS.has(w)),
    compound,
    readings,
    core,
    foreignCore,
    nameCore,
    renaming: /^(?:개명|이름으로)/.test(w),
    strongTitle: /^(?:목사|목사님|집사|집사님|전도사|선교사|선교사님|씨|동무|신부|신부님|수녀|장로)(?:$|[은는이가를도와의께님라])/.test(w),
  };
}

/** The characters a quote before a word may be: " “ ' ‘. */
function isQuoteCode(c: number): boolean {
  return c === 0x22 || c === 0x201c || c === 0x27 || c === 0x2018;
}

/** What /\s/ matches, by code (NaN, past the end, is none). */
function isWhiteSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function detectKoreanPersons(text: string, words: readonly Word[], sink: Sink, placeWords: ReadonlySet<number> = new Set()): void {
  const infoAt = (wi: number): WordInfo => wordInfoOf(words[wi]!);
  // Most Korean testimony has no Latin letter at all: then no word is "in Latin context", asked once per text.
  const hasLatin = HAS_LATIN.test(text);
  const latinContext = hasLatin ? inLatinContext : noLatinContext;
  for (let wi = 0; wi < words.length; wi++) {
    const { start, end } = words[wi]!;
    // A word the place recogniser took (함경남도, 정평군) is not read as a name.
    if (placeWords.has(start)) continue;
    const info = infoAt(wi);
    const w = info.w;
    const first = w[0]!;
    const nextChar = text[end];
    const quotedBefore = start > 0 && isQuoteCode(text.charCodeAt(start - 1));
    // Most words are neither: skip them before looking at their neighbours.
    if (!info.surnameFirst && !info.givenStart && !quotedBefore && !FOREIGN_NAME_SYLLABLES.has(first) && !FOREIGN_NAME_SYLLABLES.has(w[1]) && nextChar !== ' ' && nextChar !== '(' && nextChar !== '（' && (!hasLatin || (!isLatinLetter(text[start - 2]) && !isLatinLetter(nextChar) && !isLatinLetter(text[end + 1])))) continue;
    const prevInfo = previousAdjacent(text, words, wi) ? infoAt(wi - 1) : undefined;
    const nextInfo = nextAdjacent(text, words, wi) ? infoAt(wi + 1) : undefined;
    const prev = prevInfo?.w ?? '';
    const next = nextInfo?.w ?? '';
    const kin = prevInfo?.kin;
    if (info.leader) continue;

    // Surname + title: 최 과장, 도 반장, 우 소대장, 구 소장, 나 씨; surname + 씨: 방씨, 감씨는.
    if (w.length === 1 && nextInfo && (info.surnameFirst || TITLE_ONLY_SURNAMES.has(w))) {
      const title = nextInfo.title ?? (next[0] === '씨' && (isParticleTail(next.slice(1)) || next[1] === '네') ? '씨' : undefined);
      if (title && surnameBeforeTitle(w, title, next)) {
        sink.add(start, end, 'PERSON', w === '이' ? 0.5 : 0.75, `surname before title "${title}"`);
        continue;
      }
    }
    // A word that is itself particles ("이라고만", "에서부터") is nothing's name.
    if (info.particleWord) continue;

    // 안가 성을 가진, 박가 놈: a surname with 가 (its clan) before 성 or a rude word for a person.
    if (w.length === 2 && w[1] === '가' && info.surnameFirst && /^(?:성|놈|녀석|새끼|집|네)/.test(next)) {
      sink.add(start, start + 1, 'PERSON', 0.75, 'surname + 가');
      continue;
    }
    if (w.length >= 2 && (info.surnameFirst || TITLE_ONLY_SURNAMES.has(first)) && w[1] === '씨' && !/^.씨(?:앗|름|족|알|방|도|눈)/.test(w) && (w.length === 2 || isParticleTail(w.slice(2)) || /^네/.test(w.slice(2)))) {
      sink.add(start, start + 1, 'PERSON', 0.8, 'surname + 씨');
      continue;
    }
    const compound = info.compound;
    if (compound && w.length === 2 && nextInfo && (nextInfo.title || nextInfo.honorific)) {
      sink.add(start, end, 'PERSON', 0.8, 'compound surname before title');
      continue;
    }

    // Full name: surname + one or two given syllables, then particles, an honorific or nothing.
    let named = false;
    let latinAround: boolean | undefined;
    for (const r of info.readings) {
      const honorific = r.restHonorific ?? (r.rest === '' && nextInfo ? nextInfo.honorific ?? nextInfo.title : undefined);
      let score = 0;
      let reason = '';
      if (honorific) { score = 0.9; reason = `name before "${honorific}"`; }
      // "이름 기억나세요": a common word and a verb ending after "이름" is no name.
      else if (kin && r.givenLength === 2 && !(r.headIsWord && /^(?:세요|셔|요)/.test(r.rest))) { score = 0.85; reason = `name after "${kin}"`; }
      else if (prevInfo && prevInfo.nameIs) { score = 0.9; reason = `name after "${prev}"`; }
      else if (r.givenLength === 2 && r.strongTail) { score = 0.8; reason = 'name + particle'; }
      else if (r.givenLength === 2 && r.rest === '' && (latinAround ??= latinContext(text, start, end))) { score = 0.75; reason = 'Hangul name in Latin text'; }
      else if (r.givenLength === 2 && r.strictGiven) { score = 0.6; reason = 'surname + given-name syllables'; }
      else if (r.givenLength === 2 && r.nameLength - r.givenLength === 2) { score = 0.7; reason = 'compound surname + given name'; }
      else if (r.givenLength === 2 && (r.rest === '' || r.restTail) && r.strictLast) { score = 0.5; reason = 'surname + given-name syllables'; }
      else if (r.givenLength === 1 && kin && (honorific || r.strongTail)) { score = 0.6; reason = `short name after "${kin}"`; }
      // 조선족 김춘매가, 서기 양충이: any particle after a name-shaped word, unless its first two syllables are a word.
      else if (r.givenLength === 2 && r.rest !== '' && r.restTail && r.finalGiven && !r.headIsWord) { score = 0.55; reason = 'surname + given name + particle'; }
      else if (r.givenLength === 1 && kin && r.rest !== '' && r.restTail && !r.headIsWord) { score = 0.6; reason = `short name after "${kin}"`; }
      if (score > 0) {
        sink.add(start, start + r.nameLength, 'PERSON', score, reason);
        named = true;
        break;
      }
    }
    if (named) continue;

    // Given name alone, only where something points to one: the familiar 이, a kinship word before, a title after.
    const familiarI = w.length >= 4 && w[2] === '이' && hasFinalConsonant(w[1]);
    if (info.givenStart && !info.title && !info.kin && !info.honorific && (familiarI || prevInfo !== undefined || nextInfo !== undefined)) {
      const given = w.slice(0, 2);
      const rest = w.slice(2);
      if (info.givenNameLike) {
        // 윤철이는, 미란이가: the familiar 이 after a consonant-final name.
        if (hasFinalConsonant(given[1]) && rest.startsWith('이') && FAMILIAR_AFTER_I.test(rest.slice(1))) {
          sink.add(start, start + 2, 'PERSON', kin ? 0.85 : 0.7, 'given name + familiar 이');
          continue;
        }
        // 동생 옥희는, 친구 말순이, 이름은 금향이에요.
        // Not after a possessive: "남편의 집안" is the husband's family.
        const kinForGiven = prev && !prev.endsWith('의') ? (GIVEN_NAME_CONTEXT.has(prev) ? prev : kin) : undefined;
        if (kinForGiven && GIVEN_NAME_CONTEXT.has(kinForGiven) && (rest === '' || isParticleTail(rest) || (hasFinalConsonant(given[1]) && rest.startsWith('이') && isParticleTail(rest.slice(1)))) && !/^살/.test(next)) {
          if (allIn(GIVEN_STRICT, given) || GIVEN_FINAL.has(given[1]) || NAME_IS_CONTEXT.test(prev)) {
            sink.add(start, start + 2, 'PERSON', 0.75, `given name after "${kinForGiven}"`);
            continue;
          }
        }
        // 같이 있던 옥희는, 같은 분대의 덕수는: a bare given name after a relative clause, as the topic.
        if ((/던$/.test(prev) || (wi >= 2 && prevInfo !== undefined && previousAdjacent(text, words, wi - 1) && infoAt(wi - 2).w === '같은')) && allIn(GIVEN_STRICT, given) && GIVEN_FINAL.has(given[1]) && /^(?:는|가|도|와|랑|이는|이가|이도|이와|이랑)$/.test(rest)) {
          sink.add(start, start + 2, 'PERSON', 0.55, 'given name after a relative clause');
          continue;
        }
        // 춘희는 죽기 전에, 영남이가 먼저: a name-shaped topic or subject at the start of a sentence (the
        // particle must fit the name: 는/가/도 after a vowel, the familiar 이 first after a consonant).
        if (sentenceStart(text, start) && allIn(GIVEN_STRICT, given) && GIVEN_FINAL.has(given[1]) && (hasFinalConsonant(given[1]) ? /^이(?:는|가|도)$/.test(rest) : /^(?:는|가|도)$/.test(rest))) {
          sink.add(start, start + 2, 'PERSON', 0.5, 'given name opening a sentence');
          continue;
        }
        // 혜정이 언니, 경자 할머니, 순덕이 언니: a given name before a kinship title.
        if (next && (rest === '' || rest === '이') && (allIn(GIVEN_STRICT, given) || GIVEN_FINAL.has(given[1])) && /^(?:언니|오빠|누나|형|할머니|할아버지|아주머니|아저씨|엄마|아빠|이모|삼촌|동무|씨|님|선생|선생님|어머니|아버지|모녀|모자|부녀|부자|남매|자매|형제|부부|네|가족|식구)(?:$|[은는이가를도와의한께])/.test(next)) {
          sink.add(start, start + 2, 'PERSON', 0.7, `given name before "${next}"`);
          continue;
        }
      }
    }

    // A Hangul name right before its characters, in Latin text, or before "개명"/"이름으로":
    // 류젠궈(刘建国), "a woman from the next village, 김순화, said", 조은하로 개명.
    const nextTitle = nextInfo?.title;
    if (nextChar === '(' || nextChar === '（' || nextChar === ' ' || (latinAround ??= latinContext(text, start, end))) {
      const core = info.core;
      const afterCore = isWhiteSpaceCode(text.charCodeAt(start + core.length)) ? start + core.length + 1 : start + core.length;
      const open = text.charCodeAt(afterCore);
      const hanAfter = (open === 0x28 || open === 0xff08) && /^[(（][\u4e00-\u9fff]{2,4}[)）]/.test(text.slice(afterCore, afterCore + 7));
      const inLatin = (latinAround ??= latinContext(text, start, end)) && core === w && w.length >= 2 && w.length <= 4 && !KO_STOPWORDS.has(w) && !KINSHIP_BEFORE.has(w) && !/[요다까죠신세니지]$/.test(w) && ((SURNAMES.has(first) && allIn(GIVEN_SYLLABLES, w.slice(1))) || allIn(GIVEN_STRICT, w) || foreignNameShape(w));
      const renamed = nextInfo !== undefined && nextInfo.renaming && core.length >= 2 && core.length <= 4 && allIn(GIVEN_SYLLABLES, core.slice(1));
      const beforeStrongTitle = nextTitle !== undefined && core.length >= 2 && core.length <= 4 && nextInfo!.strongTitle && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core);
      if ((hanAfter && core.length >= 2 && core.length <= 4) || inLatin || renamed || beforeStrongTitle) {
        sink.add(start, start + core.length, 'PERSON', hanAfter || renamed ? 0.8 : 0.65, hanAfter ? 'name before its characters' : renamed ? 'name before "개명"' : inLatin ? 'Hangul name in Latin text' : `name before "${next}"`);
        continue;
      }
    }

    // 라오스 사람 분미가, 조선족 여자 금순이: a name after a nationality and a person word.
    if (wi >= 2 && PERSON_WORDS.has(prev)) {
      const nation = words[wi - 2]!.entry.w;
      // 산동 사람 리우였대요: a place before the person word says where the person is from, as a nationality does.
      if ((NATIONALITY_WORDS.has(nation) || placeWords.has(words[wi - 2]!.start)) && adjacentWords(text, words[wi - 2]!, words[wi - 1]!)) {
        const core = NAME_THEN_COPULA.exec(w)?.[1] ?? info.nameCore;
        if (core.length >= 2 && core.length <= 5 && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core)) {
          sink.add(start, start + core.length, 'PERSON', 0.65, `name after "${nation} ${prev}"`);
          continue;
        }
      }
    }

    // After a role word, with a particle: 안내인 캄싸이가, 주인 쑨웨이가, 통역 난타폰이 — any name, Korean or foreign.
    if (prevInfo && ROLE_BEFORE_NAME.has(prevInfo.w) && w.length >= 3) {
      const core = info.nameCore;
      const rest = w.slice(core.length);
      if (core.length >= 2 && core.length <= 4 && rest !== '' && (core.length >= 3 || STRONG_NAME_TAILS.test(rest) || /^(?:가|는|를|와|의|한테|에게)/.test(rest) || (/^(?:이|을|은|과)$/.test(rest) && hasFinalConsonant(core[core.length - 1]))) && (info.flags & (WORD_STOP | WORD_KIN | WORD_TITLE | WORD_HEAD)) === 0 && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core) && !NICKNAME_HEADS.has(core) && !VERB_FINAL.test(core)) {
        sink.add(start, start + core.length, 'PERSON', 0.6, `name after "${prevInfo.w}"`);
        continue;
      }
    }
    // Foreign names in Hangul with context: 쑨리, 류젠궈, 솜삭 (after a role word or before 사장).
    if (w.length >= 2 && (kin || nextTitle || quotedBefore)) {
      const core = info.foreignCore;
      // Native number words (쉰넷, 스물셋) are ages, not foreign names.
      if (core.length >= 2 && core.length <= 4 && [...core].some((s) => FOREIGN_NAME_SYLLABLES.has(s)) && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core) && !NATIVE_TENS.test(core)) {
        const distinct = [...core].filter((s) => FOREIGN_NAME_SYLLABLES.has(s)).length;
        if (distinct >= Math.min(2, core.length - 1) || kin) sink.add(start, start + core.length, 'PERSON', 0.6, kin ? `foreign name after "${kin}"` : 'foreign name');
      }
    }
  }
}

const NATIVE_TENS = /^(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)/;

/** A Chinese or other foreign name written in Hangul (쟝웨이, 류쟈하오): two of its syllables or more occur in foreign names only. */
function foreignNameShape(w: string): boolean {
  let foreign = 0;
  for (const s of w) if (FOREIGN_NAME_SYLLABLES.has(s)) foreign++;
  return foreign >= 2 || (foreign >= 1 && w.length === 2 && !SURNAMES.has(w[0]!) && !KO_STOPWORDS.has(w));
}

// ---------------------------------------------------------------------------------------------
// Nicknames in Korean

const NICKNAME_QUOTED = /(["“‘'])([\uac00-\ud7a3][\uac00-\ud7a3 ]{0,8}?)(["”’'])(이라는|라는|이라고만?|라고만?|이란|란|이라던|라던)\s?([\uac00-\ud7a3]+)?(?:\s([\uac00-\ud7a3]+))?/g;
/** What marks a name before it: "까치라는 브로커", "독수리라고 불리던"; lazily, the first one in the word. */
const NICKNAME_MARKERS = ['이라는', '라는', '이라고만', '이라고', '라고만', '라고', '이란', '란', '이라던', '라던'];
const NICK_REFUSED = /^(?:그|이|저|뭐|무엇|어디|누구|거|것|나|너|말|생각|소문|얘기|이야기|뜻|의미|사실|조건|명목|이유|죄|혐의|명령|교육|곳|데|정도|식|마을|동네|회사|단체|교회|기관|일|적|때|수|줄|바|만|뿐|듯|척|체|편|번|대로|만큼|사람|여자|남자|아이|죄목|명분|구실|말씀|소리|질문|대답|죄명|기분|느낌|마음|걱정|희망|꿈|말도|곳이|북한|중국|한국|조선|남한|탈북|북송|간첩|반역|배신|자본주의|사회주의|종교|미신|하나님|예수|부처)$/;
const HEAD_LIST = [...NICKNAME_HEADS_];

function isNicknameHead(h: string): boolean {
  return NICKNAME_HEADS.has(h) || HEAD_LIST.some((x) => h.startsWith(x) && h.length - x.length <= 2);
}

/**
 * "이라는" after a name that ends in a vowel is the name's own 이 and 라는 (쑨메이라는 → 쑨메이); after a
 * consonant it is the copula (상철이라는 → 상철), except in a nickname that is no given name (왕눈이라고 → 왕눈이).
 */
function nameBeforeMarker(name: string, marker: string): { name: string; marker: string } {
  if (!marker.startsWith('이') || name.length === 0) return { name, marker };
  const last = name[name.length - 1]!;
  const givenLike = name.length === 2 && allIn(GIVEN_SYLLABLES, name) && !KO_STOPWORDS.has(name);
  // A surname + given name (김영철이라는) keeps its copula out; any other nickname ends in its 이 (왕눈이라고).
  const fullName = name.length === 3 && SURNAMES.has(name[0]!) && allIn(GIVEN_SYLLABLES, name.slice(1));
  // One syllable (곰이라고 불리던) is the noun itself: 곰, not 곰이.
  if (!hasFinalConsonant(last) || (!givenLike && !fullName && name.length >= 2 && name.length <= 3)) return { name: name + '이', marker: marker.slice(1) };
  return { name, marker };
}

function acceptNickname(text: string, sink: Sink, quoted: boolean, rawName: string, rawMarker: string, nameStart: number, head: string, head2: string): void {
  // The word is judged with its own 이 (아빠이라는 → 아빠이, no kinship word), as the span will be.
  const judged = quoted ? rawName : nameBeforeMarker(rawName, rawMarker).name;
  if (NICK_REFUSED.test(rawName) || (!quoted && (KO_STOPWORDS.has(judged) || KINSHIP_BEFORE.has(judged) || TITLES.has(judged) || NICKNAME_HEADS.has(judged)))) return;
  const marker = rawMarker;
  // "'X'라고 했다" is a name only when quoted; "X라고 부르는 곳" names a place, not a person.
  const calledVerb = (/^(?:불리|부르|불렸|불렀|부른|불린|불러|칭하|자칭|놀리|놀렸|놀린|놀려|일컫|일컬)/.test(head) || (quoted && /^(?:했|하던|하는|한|하더|하고|합니|하죠|해요|하였|소개)/.test(head))) && !/^(?:곳|데|것|건물|장소|지역|마을|말|산|강|골짜기|동네)/.test(head2);
  const personHead = isNicknameHead(head) || (head !== '' && head.length <= 4 && HEAD_LIST.some((x) => head2.startsWith(x)));
  const copulaPerson = /^(?:이었|였|이에|예요|이다|입니)/.test(head);
  const isName = /라고|이라고|이란|란/.test(marker) ? calledVerb || (quoted && copulaPerson) : personHead || (quoted && calledVerb);
  if (!isName) return;
  // One syllable only with a verb of calling after it: 곰이라고 불리던.
  if ([...rawName].length > 8 || (!quoted && rawName.length < 2 && !calledVerb)) return;
  let { name } = quoted ? { name: rawName } : nameBeforeMarker(rawName, marker);
  // "'장 노인'이라고 불렀다": the surname is the name, the title is not (annotation guide). A surname and a word after it ("박 목수", "최 기사") is the surname and a title or trade, whatever the word.
  const titled = /^([\uac00-\ud7a3]) ([\uac00-\ud7a3]{1,4})$/.exec(name);
  if (titled && SURNAMES.has(titled[1]!)) name = titled[1]!;
  sink.add(nameStart, nameStart + name.length, 'PERSON', quoted ? 0.8 : 0.7, `nickname before "${marker}${head ? ' ' + head : ''}"`);
  void text;
}

/** A quoted word after a person as topic or subject: 아주머니는 "큰어머니", 작은 애는 '땅콩'이었어요. */
const QUOTED_AFTER_PERSON = /(?<![\uac00-\ud7a3])(아주머니|아줌마|아저씨|할머니|할아버지|애|아이|남자애|여자애|녀석|청년|처녀|총각|꼬마|간수|군인|반장|동생|친구|남편|아내|선배|후배)(?:은|는|이|가|도|를|을)\s?(["“‘'])([\uac00-\ud7a3 ]{1,8})(["”’'])/g;
/** Words after which the next word names someone: 별명이 두꺼비였어요, 중국 이름은 리메이였어요. */
const ALIAS_CONTEXT = /^(?:별명은|별명이|별명도|가명은|가명이|이름은|이름이|이름을|본명은|본명이|예명은|애칭은)$/;
/** A new name: 이름을 서하늘로 바꿨어요, 이름을 미래로 지었어요. */
const NAME_THEN_RENAMED = /^([\uac00-\ud7a3]{2,5}?)(?:으로|로)$/;
const RENAME_VERB = /^(?:바꾸|바꿨|바꿔|바꾼|고치|고쳤|고쳐|개명|지었|지어|지은|정했|정하)/;
/** The copula or quotative ending a name before it: 두꺼비였어요, 상철이었다, 리메이예요, 순복이라고. */
const NAME_THEN_COPULA = /^([\uac00-\ud7a3]{1,6}?)(?:이었|였|이에요|예요|이야|이고|입니다|입니까|이라고|라고|이라는|라는|이래요|래요|이지|인데|이란|란)/;

function namesBeforeCopula(text: string, sink: Sink, words: readonly Word[]): void {
  for (let wi = 0; wi + 1 < words.length; wi++) {
    const { start, end } = words[wi]!;
    // Every context word has 명, 름 or 칭 second (별명은, 이름이, 애칭은): other words are skipped on one character.
    const second = text.charCodeAt(start + 1);
    if (end - start < 3 || (second !== 0xba85 /* 명 */ && second !== 0xb984 /* 름 */ && second !== 0xce6d /* 칭 */)) continue;
    const w = words[wi]!.entry.w;
    if (!ALIAS_CONTEXT.test(w)) continue;
    const next = words[wi + 1]!;
    if (next.start - end > 3 || !isBlank(text, end, next.start, '"“\'‘')) continue;
    if (w === '이름을') {
      // Only with a verb of renaming after it: "이름을 서하늘로 바꿨어요".
      const renamed = NAME_THEN_RENAMED.exec(next.entry.w);
      const verb = words[wi + 2];
      if (renamed && verb && verb.start - next.end <= 2 && RENAME_VERB.test(verb.entry.w) && !KO_STOPWORDS.has(renamed[1]!)) sink.add(next.start, next.start + renamed[1]!.length, 'PERSON', 0.8, 'name before a verb of renaming');
      continue;
    }
    const m = NAME_THEN_COPULA.exec(next.entry.w);
    if (!m) continue;
    const name = m[1]!;
    const alias = w[0] !== '이' && w[0] !== '본';
    if (NICK_REFUSED.test(name) || KINSHIP_BEFORE.has(name) || (!alias && (name.length < 2 || KO_STOPWORDS.has(name) || TITLES.has(name)))) continue;
    sink.add(next.start, next.start + name.length, 'PERSON', alias ? 0.8 : 0.75, `name after "${w}"`);
  }
}

const QUOTED_AFTER_ROLE = /(브로커|안내인|밀수꾼|조선족|한족|여자|남자|사람|형|언니|오빠|누나|목사|선교사|보위원|안전원|예심원|계호원|군관|별명|이름)[은는이가]?\s?(["“‘'])([\uac00-\ud7a3 ]{1,8})(["”’'])/g;

export function detectKoreanNicknames(text: string, sink: Sink, words: readonly Word[] = hangulWordsOf(text)): void {
  let m: RegExpExecArray | null;
  const hasQuote = text.includes("'") || text.includes('"') || text.includes('‘') || text.includes('“');
  if (hasQuote) {
    NICKNAME_QUOTED.lastIndex = 0;
    while ((m = NICKNAME_QUOTED.exec(text)) !== null) {
      const name = m[2]!.trim();
      const nameStart = m.index + m[1]!.length + (m[2]!.length - m[2]!.trimStart().length);
      // Let the next match start inside this one: "큰형이라는 까치라는 …".
      NICKNAME_QUOTED.lastIndex = m.index + m[1]!.length + m[2]!.length + m[3]!.length + m[4]!.length;
      acceptNickname(text, sink, true, name, m[4]!, nameStart, m[5] ?? '', m[6] ?? '');
    }
  }
  // Unquoted: a word with a marker inside it, then the word or two after it.
  for (let wi = 0; wi < words.length; wi++) {
    const { start, end } = words[wi]!;
    // Only inside the word: 라 (0xB77C) or 란 (0xB780) after its first syllable.
    let marked = false;
    for (let i = start + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xb77c || c === 0xb780) {
        marked = true;
        break;
      }
    }
    if (!marked) continue;
    const w = words[wi]!.entry.w;
    let k = -1;
    let marker = '';
    for (let cut = 1; cut <= Math.min(8, w.length - 1) && k < 0; cut++) {
      for (const mk of NICKNAME_MARKERS) {
        if (w.startsWith(mk, cut)) {
          k = cut;
          marker = mk;
          break;
        }
      }
    }
    if (k < 0) continue;
    const afterMarker = w.slice(k + marker.length);
    let head = afterMarker;
    let head2 = '';
    const next = words[wi + 1];
    const next2 = words[wi + 2];
    if (afterMarker === '') {
      if (next && (next.start === end || (next.start === end + 1 && /\s/.test(text[end]!)))) {
        head = next.entry.w;
        if (next2 && next2.start === next.end + 1 && /\s/.test(text[next.end]!)) head2 = next2.entry.w;
      }
    } else if (next && next.start === end + 1 && /\s/.test(text[end]!)) {
      head2 = next.entry.w;
    }
    acceptNickname(text, sink, false, w.slice(0, k), marker, start, head, head2);
  }
  namesBeforeCopula(text, sink, words);
  if (!hasQuote) return;
  QUOTED_AFTER_PERSON.lastIndex = 0;
  while ((m = QUOTED_AFTER_PERSON.exec(text)) !== null) {
    const name = m[3]!.trim();
    const nameStart = m.index + m[0].length - m[4]!.length - m[3]!.length + (m[3]!.length - m[3]!.trimStart().length);
    // Quoted speech ("괜찮다"고 했어요) is no name: a sentence ending inside, or the quotative 고 after it.
    const after = text[m.index + m[0].length];
    if (NICK_REFUSED.test(name) || /[다요까죠자]$/.test(name) || after === '고' || after === '하') continue;
    sink.add(nameStart, nameStart + name.length, 'PERSON', 0.75, `quoted name after "${m[1]}"`);
  }
  // A quoted word right after a role: 브로커 "대머리"의, 조선족 '삼촌'.
  QUOTED_AFTER_ROLE.lastIndex = 0;
  while ((m = QUOTED_AFTER_ROLE.exec(text)) !== null) {
    const name = m[3]!.trim();
    const nameStart = m.index + m[0].length - m[4]!.length - m[3]!.length + (m[3]!.length - m[3]!.trimStart().length);
    if (!NICK_REFUSED.test(name)) sink.add(nameStart, nameStart + name.length, 'PERSON', 0.8, `quoted name after "${m[1]}"`);
  }
}

// ---------------------------------------------------------------------------------------------
// Names in Chinese characters

const HAN_RUN = /[\u4e00-\u9fff]{2,4}/g;

export function detectHanNames(text: string, sink: Sink): void {
  // Places in characters first (run here, where every text with characters comes): 延吉 is no name.
  detectHanPlaces(text, sink);
  HAN_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HAN_RUN.exec(text)) !== null) {
    const run = m[0];
    const inParens = /[(（]\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    if (isHanPlace(run)) continue;
    // 老孟, 小王, 阿金: a familiar prefix and a surname.
    if (run.length === 2 && (run[0] === '老' || run[0] === '小' || run[0] === '阿') && HAN_SURNAMES.has(run[1]!)) {
      sink.add(m.index, m.index + 2, 'PERSON', 0.75, 'familiar Chinese name in characters');
      continue;
    }
    if (HAN_SURNAMES.has(run[0]!) || HAN_SURNAMES.has(run.slice(0, 2))) sink.add(m.index, m.index + run.length, 'PERSON', inParens ? 0.85 : 0.65, 'name in Chinese characters');
  }
}
