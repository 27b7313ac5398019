/**
 * AGE, DATE and ID in Korean testimony by the shape of the number and the word beside it (dev16):
 * - ages: relative ages (저보다 세 살 위, 다섯 살 연하), N살배기/N살짜리, 만 N세, 나이 N, "이름, 19,";
 * - dates: hedged dates (2019년 10월경, 2018년쯤, 2017년 추석 무렵), festivals and lunar days with a
 *   year (2008년 음력 설, 2013년 설 전날), apostrophe years ('98년) and two-digit years of the last
 *   century with a particle (96년이죠, 45년생);
 * - IDs: case numbers (2019-형제-4471), numbers with a slash (제 2003/118 호), any number after an ID
 *   label (사건번호, 수감번호 …).
 * Every rule starts from its cue (살, 만, 나이, a hedge word, a festival word, an apostrophe, 년, a
 * hyphen, 제, 번호), whose places are gathered in one pass over the text, and matches a sticky or
 * end-anchored expression there only.
 */
import { hangulRunFrom, isHangulAt } from './hangul';
import { KO_NATIVE_NUMBER } from './numbers';
import { isParticleTail } from './particles';
import type { Sink } from './scan';

/** The number of years ending right before 살. */
const AGE_NUMBER_BEFORE = new RegExp(`(?:^|[^\\uac00-\\ud7a3\\d])(${KO_NATIVE_NUMBER}|\\d{1,2}) ?$`);
const RELATIVE = /^(?:이나|이|나|쯤|정도)? ?(위|아래|연상|연하|차이)/;
const AGE_SUFFIX = /^ ?(?:배기|짜리)/;
const MAN_AGE = /만 ?\d{1,3} ?(?:세|살)/y;
const NAI_AGE = /나이 ?:? ?\d{1,3}(?: ?(?:세|살))?(?!\d)/y;
const COMMA_AGE = /, ?(\d{1,2})(?=[,)]| [\uac00-\ud7a3])| ?\((\d{1,2})\)/y;

const DATE_BEFORE_HEDGE = /(?:(?<!\d)\d{4}|['’]\d{2}|(?<![\d.])[4-9]\d)년도?(?: ?(?:음력 ?)?\d{1,2}월)?(?: ?\d{1,2}일)?(?: ?(?:추석|설날?|봄|여름|가을|겨울|초|말|중순|초순|하순|초반|후반|정월|대보름|단오))? ?$|(?<!\d)\d{4}[.\/-]\d{1,2}(?:[.\/-]\d{1,2})? ?$/;
const HEDGES = ['경', '쯤', '께', '무렵', '즈음', '전후'];
/** The last characters of the dates DATE_BEFORE_HEDGE reads. */
const DATE_WORD_ENDS = '0123456789년월일도봄름을울석날설초말순반오';
const YEAR_BEFORE_FESTIVAL = /(?:(?<!\d)\d{4}|['’]\d{2}|(?<![\d.])[4-9]\d)년도? ?$/;
const FESTIVAL = /(?:음력 ?)?(?:설날?|추석|정월(?: ?대보름)?|대보름|단오|한식|동지|섣달(?: ?그믐)?|\d{1,2}월(?: ?\d{1,2}일)?)(?: ?(?:전날|다음날|당일|이튿날|무렵|즈음|쯤|경|전후|날))?/y;
const FESTIVAL_CUES = ['설', '추석', '정월', '대보름', '단오', '한식', '동지', '섣달', '음력'];
const APOSTROPHE_YEAR = /['’]\d{2}년도?/y;
/** What may follow a two-digit year of the last century for it to be a date, not a span of years. */
const YEAR_TAIL = /^(?:도|에|에는|에도|부터|까지|생|이죠|이지|이에요|이었|이었어요|였|인데|이고|의|쯤|경|께|무렵|이니까|이라|이던|[,.)]|$)/;

const CASE_NUMBER = /(?<![\d-])\d{2,4}-[\uac00-\ud7a3]{1,3}-\d{1,7}(?![\d-])/y;
const SLASH_NUMBER = /제 ?\d{1,6}(?:[\/-]\d{1,6})+ ?호/y;
const ID_LABELS = ['사건', '수감', '수용', '죄수', '관리', '접수', '등록', '여권', '신분증', '공민증', '증명서', '재판', '판결', '수번', '카드', '사증', '비자', '문서', '기록', '호송'];
/** The number after the label, with the Hangul of a court case number inside it (2014고단1234). */
const AFTER_ID_LABEL = /번호 ?(?:는|은)? ?:? ?((?:[A-Za-z0-9][A-Za-z0-9\/-]*\d[A-Za-z0-9\/-]*|\d)(?:[\uac00-\ud7a3]{1,3}-?\d[A-Za-z0-9\/-]*)?)(?![A-Za-z0-9])/y;

/** Every cue of this module: their first characters are gathered in one pass over the text. */
const CUES = ['살', '만', '나이', ...HEDGES, ...FESTIVAL_CUES, "'", '’', '년', '-', '제', '번호'];
const CUE_FIRST = new Uint8Array(65536);
for (const cue of CUES) CUE_FIRST[cue.charCodeAt(0)] = 1;

/** Where the first characters of the cues occur in one text, by character code. */
type CueStarts = ReadonlyMap<number, readonly number[]>;

function gatherCueStarts(text: string): CueStarts {
  const starts = new Map<number, number[]>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (CUE_FIRST[code] === 0) continue;
    let list = starts.get(code);
    if (list === undefined) starts.set(code, (list = []));
    list.push(i);
  }
  return starts;
}

function eachIndex(text: string, cues: CueStarts, cue: string, found: (at: number) => void): void {
  const starts = cues.get(cue.charCodeAt(0));
  if (starts === undefined) return;
  for (const at of starts) if (cue.length === 1 || text.startsWith(cue, at)) found(at);
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function ages(text: string, cues: CueStarts, sink: Sink): void {
  eachIndex(text, cues, '살', (at) => {
    const before = AGE_NUMBER_BEFORE.exec(text.slice(Math.max(0, at - 7), at));
    if (!before || before[1] === '') return;
    const start = at - before[0].length + before[0].indexOf(before[1]!);
    const rest = text.slice(at + 1, at + 8);
    const suffix = AGE_SUFFIX.exec(rest);
    if (suffix) {
      sink.add(start, at + 1 + suffix[0].length, 'AGE', 0.9, 'age with 배기/짜리');
      return;
    }
    const rel = RELATIVE.exec(rest);
    if (!rel) return;
    const end = at + 1 + rel[0].length;
    const tail = hangulRunFrom(text, end);
    // 마흔 살 아래 여자는 is a limit, not someone's age: a comparison (보다, 랑) before it or a copula after it.
    const compared = /(?:보다|랑|와|과|하고) ?$/.test(text.slice(Math.max(0, start - 6), start));
    if (!(compared || (tail !== '' && isParticleTail(tail)))) return;
    sink.add(start, end, 'AGE', 0.8, `relative age ("${rel[1]}")`);
  });
  eachIndex(text, cues, '만', (at) => {
    if (isHangulAt(text, at - 1)) return;
    const m = sticky(MAN_AGE, text, at);
    if (m) sink.add(at, at + m[0].length, 'AGE', 0.9, 'full age after 만');
  });
  eachIndex(text, cues, '나이', (at) => {
    const m = sticky(NAI_AGE, text, at);
    if (m) sink.add(at, at + m[0].length, 'AGE', 0.85, 'number after 나이');
  });
}

/** "맹준, 19," / "저우빙(45)": an age after a name found by the person rules, after a comma or in brackets. */
function agesAfterNames(text: string, sink: Sink): void {
  if (!/[,(] ?\d/.test(text)) return;
  const personEnds = new Set<number>();
  for (const span of sink.spans) if (span.type === 'PERSON') personEnds.add(span.end);
  for (const end of personEnds) {
    const m = sticky(COMMA_AGE, text, end);
    if (!m) continue;
    const age = m[1] ?? m[2]!;
    const start = end + m[0].indexOf(age);
    sink.add(start, start + age.length, 'AGE', 0.8, 'age after a name and a comma or in brackets');
  }
}

function dates(text: string, cues: CueStarts, sink: Sink): void {
  for (const hedge of HEDGES) {
    eachIndex(text, cues, hedge, (at) => {
      const end = at + hedge.length;
      // 경찰, 경우: most hedge syllables begin other words; a date word or a digit must end right before.
      const last = text[at - 1] === ' ' ? text[at - 2] : text[at - 1];
      if (last === undefined || !DATE_WORD_ENDS.includes(last) || !isParticleTail(hangulRunFrom(text, end))) return;
      const m = DATE_BEFORE_HEDGE.exec(text.slice(Math.max(0, at - 24), at));
      if (!m) return;
      sink.add(at - m[0].length, end, 'DATE', 0.85, `date with "${hedge}"`);
    });
  }
  for (const cue of FESTIVAL_CUES) {
    eachIndex(text, cues, cue, (at) => {
      if (text[at - 1] !== '년' && text[at - 2] !== '년' && text[at - 1] !== '도' && text[at - 2] !== '도') return;
      const year = YEAR_BEFORE_FESTIVAL.exec(text.slice(Math.max(0, at - 10), at));
      if (!year) return;
      const m = sticky(FESTIVAL, text, at);
      if (!m) return;
      const end = at + m[0].length;
      // 설명, 동지들: the festival word must end its word or take a particle.
      if (!isParticleTail(hangulRunFrom(text, end))) return;
      sink.add(at - year[0].length, end, 'DATE', 0.85, `festival or lunar date with a year ("${cue}")`);
    });
  }
  for (const mark of ["'", '’']) {
    eachIndex(text, cues, mark, (at) => {
      const m = sticky(APOSTROPHE_YEAR, text, at);
      if (m) sink.add(at, at + m[0].length, 'DATE', 0.85, 'apostrophe year');
    });
  }
  eachIndex(text, cues, '년', (at) => {
    if (at < 2 || !/^[4-9]\d$/.test(text.slice(at - 2, at)) || /[\d.,'’~-]/.test(text[at - 3] ?? '')) return;
    const tail = hangulRunFrom(text, at + 1);
    if (!YEAR_TAIL.test(tail === '' ? text[at + 1] ?? '' : tail)) return;
    // 50년 동안, 60년 전: a span or distance of years, not a year.
    if (tail === '' && /^ (?:동안|만에|넘게|가까이|이상|정도|가량|전|후|뒤|째|간|넘|살)/.test(text.slice(at + 1, at + 6))) return;
    sink.add(at - 2, at + 1 + (tail.startsWith('도') || tail.startsWith('생') ? 1 : 0), 'DATE', 0.75, 'two-digit year with a particle');
  });
}

function ids(text: string, cues: CueStarts, sink: Sink): void {
  eachIndex(text, cues, '-', (at) => {
    const m = /\d{2,4}$/.exec(text.slice(Math.max(0, at - 4), at));
    if (!m || !isHangulAt(text, at + 1)) return;
    const hit = sticky(CASE_NUMBER, text, at - m[0].length);
    if (hit) sink.add(hit.index, hit.index + hit[0].length, 'ID', 0.9, 'case number');
  });
  if (text.includes('/') || text.includes('-')) {
    eachIndex(text, cues, '제', (at) => {
      const m = sticky(SLASH_NUMBER, text, at);
      if (m) sink.add(at, at + m[0].length, 'ID', 0.85, 'numbered record with a slash');
    });
  }
  eachIndex(text, cues, '번호', (at) => {
    const label = /([\uac00-\ud7a3]{1,6}) ?$/.exec(text.slice(Math.max(0, at - 7), at));
    if (!label || !ID_LABELS.some((l) => label[1]!.endsWith(l))) return;
    const m = sticky(AFTER_ID_LABEL, text, at);
    if (!m) return;
    const start = at + m[0].length - m[1]!.length;
    sink.add(start, at + m[0].length, 'ID', 0.85, `number after "${label[1]}번호"`);
  });
}

export function detectKoreanNumberKinds(text: string, sink: Sink): void {
  const cues = gatherCueStarts(text);
  ages(text, cues, sink);
  agesAfterNames(text, sink);
  dates(text, cues, sink);
  ids(text, cues, sink);
}
