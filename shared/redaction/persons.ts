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
import { firstSyllables, hasFinalConsonant } from './hangul';
import { isParticleTail } from './particles';
import { isLatinPlace } from './places';
import { WordTable, type Sink, type Word } from './scan';

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
    const prevText = text.slice(prev.start, prev.end);
    const joined = /(?:와|과|하고|랑|이랑|이와|이하고)$/.exec(prevText);
    if (!joined) continue;
    if (!personEnds) {
      personEnds = new Set<number>();
      for (const span of sink.spans) if (span.type === 'PERSON' && span.score >= 0.6) personEnds.add(span.end);
    }
    if (!personEnds.has(prev.end - joined[0].length) || !adjacentWords(text, prev, words[wi]!)) continue;
    const { start, end } = words[wi]!;
    const w = text.slice(start, end);
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

/** Latin text right before or after the word (a Hangul name quoted in an English sentence). */
function isHangulAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xac00 && c <= 0xd7a3;
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
  readonly compound: string | undefined;
  /** Surname + given readings, in the order they are tried; empty when the word cannot be a full name. */
  readonly readings: readonly NameReading[];
  /** The word without its particle tail (the shortest core of two syllables or more). */
  readonly core: string;
  readonly foreignCore: string;
}

const WORD_INFO = new WordTable<WordInfo>(analyseWord);

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
      // 연락하면, 연결해, 강화하라는: a verb stem, not a name, unless a noun particle follows.
      if (VERB_FINAL.test(given) && rest !== '' && !NOUN_PARTICLE.test(rest)) continue;
      readings.push({ nameLength, givenLength, given, rest, restHonorific, strongTail: STRONG_NAME_TAILS.test(rest), strictGiven: allIn(GIVEN_STRICT, given), strictLast: GIVEN_STRICT.has(given[1]), restTail });
    }
  }
  let core = w;
  for (let cut = Math.max(2, w.length - 6); cut < w.length; cut++) if (isParticleTail(w.slice(cut))) { core = w.slice(0, cut); break; }
  let foreignCore = w;
  for (let cut = w.length - 1; cut >= 2; cut--) if (isParticleTail(w.slice(cut))) foreignCore = w.slice(0, cut);
  return {
    w,
    flags,
    kin: KIN_FIRSTS.has(first) ? kinshipOf(w) : undefined,
    title: titleAtStart(w),
    honorific: honorificAtStart(w),
    nameIs: NAME_IS_CONTEXT.test(w),
    leader: LEADER_FIRSTS.has(first) && (KO_LEADERS.has(w.slice(0, 3)) || KO_LEADERS.has(w)),
    particleWord: (isParticleTail(w.slice(1)) && !surnameFirst) || (w.length >= 2 && PARTICLE_WORD.test(w)),
    surnameFirst,
    givenStart: w.length >= 2 && GIVEN_SYLLABLES.has(first) && GIVEN_SYLLABLES.has(w[1]!),
    compound,
    readings,
    core,
    foreignCore,
  };
}

export function detectKoreanPersons(text: string, words: readonly Word[], sink: Sink, placeWords: ReadonlySet<number> = new Set()): void {
  const infos: WordInfo[] = new Array(words.length);
  const infoAt = (wi: number): WordInfo => (infos[wi] ??= WORD_INFO.get(text, words[wi]!.start, words[wi]!.end));
  for (let wi = 0; wi < words.length; wi++) {
    const { start, end } = words[wi]!;
    // A word the place recogniser took (함경남도, 정평군) is not read as a name.
    if (placeWords.has(start)) continue;
    const info = infoAt(wi);
    const w = info.w;
    const first = w[0]!;
    const nextChar = text[end];
    const quotedBefore = start > 0 && '"“\'‘'.includes(text[start - 1]!);
    // Most words are neither: skip them before looking at their neighbours.
    if (!info.surnameFirst && !info.givenStart && !quotedBefore && !FOREIGN_NAME_SYLLABLES.has(first) && !FOREIGN_NAME_SYLLABLES.has(w[1]) && nextChar !== ' ' && nextChar !== '(' && nextChar !== '（' && !isLatinLetter(text[start - 2]) && !isLatinLetter(nextChar) && !isLatinLetter(text[end + 1])) continue;
    const prevInfo = previousAdjacent(text, words, wi) ? infoAt(wi - 1) : undefined;
    const nextInfo = nextAdjacent(text, words, wi) ? infoAt(wi + 1) : undefined;
    const prev = prevInfo?.w ?? '';
    const next = nextInfo?.w ?? '';
    const kin = prevInfo?.kin;
    if (info.leader) continue;

    // A word that is itself particles ("이라고만", "에서부터") is nothing's name.
    if (info.particleWord) continue;

    // Surname + title: 최 과장, 도 반장, 우 소대장; surname + 씨: 방씨, 감씨는.
    if (w.length === 1 && info.surnameFirst && !SURNAME_TITLE_EXCLUDED.has(w) && nextInfo) {
      const title = nextInfo.title;
      if (title && !/^(?:집|네)(?:$|[에은는이을를의도으서])/.test(next) && !/^가족/.test(next) && !(w === '도' && /^(?:당비서|보위부장|보안국장|인민위원장|위원장)/.test(next))) {
        sink.add(start, end, 'PERSON', w === '이' ? 0.5 : 0.75, `surname before title "${title}"`);
        continue;
      }
    }
    if (w.length >= 2 && info.surnameFirst && w[1] === '씨' && !/^.씨(?:앗|름|족|알|방|도|눈)/.test(w) && (w.length === 2 || isParticleTail(w.slice(2)) || /^네/.test(w.slice(2)))) {
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
      else if (kin && r.givenLength === 2) { score = 0.85; reason = `name after "${kin}"`; }
      else if (prevInfo && prevInfo.nameIs) { score = 0.9; reason = `name after "${prev}"`; }
      else if (r.givenLength === 2 && r.strongTail) { score = 0.8; reason = 'name + particle'; }
      else if (r.givenLength === 2 && r.rest === '' && (latinAround ??= inLatinContext(text, start, end))) { score = 0.75; reason = 'Hangul name in Latin text'; }
      else if (r.givenLength === 2 && r.strictGiven) { score = 0.6; reason = 'surname + given-name syllables'; }
      else if (r.givenLength === 2 && r.nameLength - r.givenLength === 2) { score = 0.7; reason = 'compound surname + given name'; }
      else if (r.givenLength === 2 && (r.rest === '' || r.restTail) && r.strictLast) { score = 0.5; reason = 'surname + given-name syllables'; }
      else if (r.givenLength === 1 && kin && (honorific || r.strongTail)) { score = 0.6; reason = `short name after "${kin}"`; }
      if (score > 0) {
        sink.add(start, start + r.nameLength, 'PERSON', score, reason);
        named = true;
        break;
      }
    }
    if (named) continue;

    // Given name alone, only where something points to one: the familiar 이, a kinship word before, a title after.
    const familiarI = w.length >= 4 && w[2] === '이' && hasFinalConsonant(w[1]);
    if (info.givenStart && (familiarI || prevInfo !== undefined || nextInfo !== undefined)) {
      const given = w.slice(0, 2);
      const rest = w.slice(2);
      const nameLike = allIn(GIVEN_SYLLABLES, given) && (wordFlags(given) & (WORD_STOP | WORD_KIN | WORD_TITLE | WORD_HEAD)) === 0 && (w.length === 2 || !KO_STOPWORDS.has(w));
      if (nameLike) {
        // 윤철이는, 미란이가: the familiar 이 after a consonant-final name.
        if (hasFinalConsonant(given[1]) && rest.startsWith('이') && FAMILIAR_AFTER_I.test(rest.slice(1))) {
          sink.add(start, start + 2, 'PERSON', kin ? 0.85 : 0.7, 'given name + familiar 이');
          continue;
        }
        // 동생 옥희는, 친구 말순이, 이름은 금향이에요.
        const kinForGiven = prev ? (GIVEN_NAME_CONTEXT.has(prev) ? prev : kin) : undefined;
        if (kinForGiven && GIVEN_NAME_CONTEXT.has(kinForGiven) && (rest === '' || isParticleTail(rest) || (hasFinalConsonant(given[1]) && rest.startsWith('이') && isParticleTail(rest.slice(1)))) && !/^살/.test(next)) {
          if (allIn(GIVEN_STRICT, given) || NAME_IS_CONTEXT.test(prev)) {
            sink.add(start, start + 2, 'PERSON', 0.75, `given name after "${kinForGiven}"`);
            continue;
          }
        }
        // 같이 있던 옥희는, 같은 분대의 덕수는: a bare given name after a relative clause, as the topic.
        if ((/던$/.test(prev) || (/^같은$/.test(wi >= 2 ? text.slice(words[wi - 2]!.start, words[wi - 2]!.end) : '') && /의$/.test(prev))) && allIn(GIVEN_STRICT, given) && GIVEN_FINAL.has(given[1]) && /^(?:는|가|도|와|랑|이는|이가|이도|이와|이랑)$/.test(rest)) {
          sink.add(start, start + 2, 'PERSON', 0.55, 'given name after a relative clause');
          continue;
        }
        // 혜정이 언니, 경자 할머니, 순덕이 언니: a given name before a kinship title.
        if (next && (rest === '' || rest === '이') && allIn(GIVEN_STRICT, given) && /^(?:언니|오빠|누나|형|할머니|할아버지|아주머니|아저씨|엄마|아빠|이모|삼촌|동무|씨|님|선생|선생님|어머니|아버지)(?:$|[은는이가를도와의한께])/.test(next)) {
          sink.add(start, start + 2, 'PERSON', 0.7, `given name before "${next}"`);
          continue;
        }
      }
    }

    // A Hangul name right before its characters, in Latin text, or before "개명"/"이름으로":
    // 류젠궈(刘建国), "a woman from the next village, 김순화, said", 조은하로 개명.
    const nextTitle = nextInfo?.title;
    if (nextChar === '(' || nextChar === '（' || nextChar === ' ' || (latinAround ??= inLatinContext(text, start, end))) {
      const core = info.core;
      const hanAfter = /^\s?[(（][\u4e00-\u9fff]{2,4}[)）]/.test(text.slice(start + core.length, start + core.length + 8));
      const inLatin = (latinAround ??= inLatinContext(text, start, end)) && core === w && w.length >= 2 && w.length <= 4 && !KO_STOPWORDS.has(w) && !KINSHIP_BEFORE.has(w) && !/[요다까죠신세니지]$/.test(w) && ((SURNAMES.has(first) && allIn(GIVEN_SYLLABLES, w.slice(1))) || allIn(GIVEN_STRICT, w));
      const renamed = next !== '' && /^(?:개명|이름으로)/.test(next) && core.length >= 2 && core.length <= 4 && allIn(GIVEN_SYLLABLES, core.slice(1));
      const beforeStrongTitle = nextTitle !== undefined && core.length >= 2 && core.length <= 4 && /^(?:목사|목사님|집사|집사님|전도사|선교사|선교사님|씨|동무|신부|신부님|수녀|장로)(?:$|[은는이가를도와의께님라])/.test(next) && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core);
      if ((hanAfter && core.length >= 2 && core.length <= 4) || inLatin || renamed || beforeStrongTitle) {
        sink.add(start, start + core.length, 'PERSON', hanAfter || renamed ? 0.8 : 0.65, hanAfter ? 'name before its characters' : renamed ? 'name before "개명"' : inLatin ? 'Hangul name in Latin text' : `name before "${next}"`);
        continue;
      }
    }

    // 라오스 사람 분미가, 조선족 여자 금순이: a name after a nationality and a person word.
    if (wi >= 2 && /^(?:사람|여자|남자|청년|아이|처녀|총각|할머니|할아버지|아저씨|아주머니|농민|상인|브로커|안내인|군인|경찰)$/.test(prev)) {
      const nation = text.slice(words[wi - 2]!.start, words[wi - 2]!.end);
      if (/^(?:라오스|태국|중국|조선족|한족|베트남|몽골|캄보디아|미얀마|버마|러시아|중국인|태국인|라오인|몽골인|한국|일본)$/.test(nation) && adjacentWords(text, words[wi - 2]!, words[wi - 1]!)) {
        const core = info.core;
        if (core.length >= 2 && core.length <= 4 && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core)) {
          sink.add(start, start + core.length, 'PERSON', 0.65, `name after "${nation} ${prev}"`);
          continue;
        }
      }
    }

    // Foreign names in Hangul with context: 쑨리, 류젠궈, 솜삭 (after a role word or before 사장).
    if (w.length >= 2 && (kin || nextTitle || quotedBefore)) {
      const core = info.foreignCore;
      if (core.length >= 2 && core.length <= 4 && [...core].some((s) => FOREIGN_NAME_SYLLABLES.has(s)) && !KO_STOPWORDS.has(core) && !KINSHIP_BEFORE.has(core) && !TITLES.has(core)) {
        const distinct = [...core].filter((s) => FOREIGN_NAME_SYLLABLES.has(s)).length;
        if (distinct >= Math.min(2, core.length - 1) || kin) sink.add(start, start + core.length, 'PERSON', 0.6, kin ? `foreign name after "${kin}"` : 'foreign name');
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Nicknames in Korean

const NICKNAME_QUOTED = /(["“‘'])([\uac00-\ud7a3][\uac00-\ud7a3 ]{0,8}?)(["”’'])(이라는|라는|이라고만?|라고만?|이란|란|이라던|라던)\s?([\uac00-\ud7a3]+)?(?:\s([\uac00-\ud7a3]+))?/g;
const NICKNAME_PLAIN = /(?<![\uac00-\ud7a3])()([\uac00-\ud7a3]{1,8}?)()(이라는|라는|이라고만?|라고만?|이란|란|이라던|라던)\s?([\uac00-\ud7a3]+)?(?:\s([\uac00-\ud7a3]+))?/g;
const NICK_REFUSED = /^(?:그|이|저|뭐|무엇|어디|누구|거|것|나|너|말|생각|소문|얘기|이야기|뜻|의미|사실|조건|명목|이유|죄|혐의|명령|교육|곳|데|정도|식|마을|동네|회사|단체|교회|기관|일|적|때|수|줄|바|만|뿐|듯|척|체|편|번|대로|만큼|사람|여자|남자|아이|죄목|명분|구실|말씀|소리|질문|대답|죄명|기분|느낌|마음|걱정|희망|꿈|말도|곳이|북한|중국|한국|조선|남한|탈북|북송|간첩|반역|배신|자본주의|사회주의|종교|미신|하나님|예수|부처)$/;

export function detectKoreanNicknames(text: string, sink: Sink): void {
  let m: RegExpExecArray | null;
  for (const re of [NICKNAME_QUOTED, NICKNAME_PLAIN]) {
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      const quoted = re === NICKNAME_QUOTED;
      const name = m[2]!.trim();
      const marker = m[4]!;
      const head = m[5] ?? '';
      const head2 = m[6] ?? '';
      const nameStart = m.index + (m[1]?.length ?? 0) + (m[2]!.length - m[2]!.trimStart().length);
      // Let the next match start inside this one: "큰형이라는 까치라는 …".
      re.lastIndex = m.index + (m[1]?.length ?? 0) + m[2]!.length + m[3]!.length + marker.length;
      if (NICK_REFUSED.test(name) || (!quoted && (KO_STOPWORDS.has(name) || KINSHIP_BEFORE.has(name) || TITLES.has(name) || NICKNAME_HEADS.has(name)))) continue;
      const isHead = (h: string): boolean => NICKNAME_HEADS.has(h) || [...NICKNAME_HEADS].some((x) => h.startsWith(x) && h.length - x.length <= 2);
      // "'X'라고 했다" is a name only when quoted; "X라고 부르는 곳" names a place, not a person.
      const calledVerb = (/^(?:불리|부르|불렸|불렀|부른|불린|불러|칭하|자칭)/.test(head) || (quoted && /^(?:했|하던|하는|한|하더|하고|합니|하죠|해요|하였|소개)/.test(head))) && !/^(?:곳|데|것|건물|장소|지역|마을|말|산|강|골짜기|동네)/.test(head2);
      const personHead = isHead(head) || (head !== '' && head.length <= 4 && [...NICKNAME_HEADS].some((x) => head2.startsWith(x)));
      const copulaPerson = /^(?:이었|였|이에|예요|이다|입니)/.test(head);
      const isName = /라고|이라고|이란|란/.test(marker) ? calledVerb || (quoted && copulaPerson) : personHead || (quoted && calledVerb);
      if (!isName) continue;
      if ([...name].length > 8 || (!quoted && name.length < 2)) continue;
      sink.add(nameStart, nameStart + name.length, 'PERSON', quoted ? 0.8 : 0.7, `nickname before "${marker}${head ? ' ' + head : ''}"`);
    }
  }
  // A quoted word right after a role: 브로커 "대머리"의, 조선족 '삼촌'.
  const QUOTED_AFTER_ROLE = /(브로커|안내인|밀수꾼|조선족|한족|여자|남자|사람|형|언니|오빠|누나|목사|선교사|보위원|안전원|예심원|계호원|군관|별명|이름)[은는이가]?\s?(["“‘'])([\uac00-\ud7a3 ]{1,8})(["”’'])/g;
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
  HAN_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HAN_RUN.exec(text)) !== null) {
    const run = m[0];
    const inParens = /[(（]\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index));
    if (HAN_SURNAMES.has(run[0]!) || HAN_SURNAMES.has(run.slice(0, 2))) sink.add(m.index, m.index + run.length, 'PERSON', inParens ? 0.85 : 0.65, 'name in Chinese characters');
  }
}
