/**
 * FACILITY by organisation suffix, for companies and work units that no list knows: a name stem
 * followed by the word that says what kind of organisation it is (한빛전자, 대성무역회사, 제8총국,
 * 수성 병원, Sunwoo Logistics, Hyundai Heavy Industries, "the Hyesan city police station"). The evidence
 * is the suffix plus a stem that is not an ordinary word; a bare suffix word ("회사에서", "병원에") or an
 * ordinary compound ("종합병원", "자동차공장") never fires.
 *
 * Prefilter: each pattern runs only when its cue suffix occurs in the text (one regex test each).
 */
import { endsInNieunOrRieul, isHangulCode } from './hangul';
import { EN_COMMON, EN_TITLES, KO_STOPWORDS } from './lexicon';
import { isPlaceTail } from './particles';
import type { Sink } from './scan';
import data from './data/generic-organisations.json';

const KO_HEADS: readonly string[] = [...data.koreanHeads].sort((a, b) => b.length - a.length);
const KO_BARE_HEADS: ReadonlySet<string> = new Set(data.koreanBareHeads);
const KO_STEM_STOP: ReadonlySet<string> = new Set(data.koreanStemStop);
const KO_BEFORE_STOP: ReadonlySet<string> = new Set(data.koreanWordBeforeStop);

const KO_CUE = new RegExp([...KO_HEADS, ...KO_BARE_HEADS].join('|'));
const KO_HEAD_RE = new RegExp(`(${KO_HEADS.join('|')})`, 'g');
const KO_BARE_RE = new RegExp(`(?<![\\uac00-\\ud7a3])([\\uac00-\\ud7a3]{2,4}) (${[...KO_BARE_HEADS].sort((a, b) => b.length - a.length).join('|')})`, 'g');
/** 제8총국, 제3국: a numbered bureau or directorate (units and corps are the numbers recogniser's). */
// Not 제3국: that is "a third country", the usual word for the escape route.
const KO_NUMBERED = /제\s?\d{1,4}\s?(?:총국|관리국)/g;

const EN_HEADS = data.englishHeads.join('|');
const EN_CUE = new RegExp(`\\b(?:${EN_HEADS})(?![A-Za-z])`);
const EN_ORG = new RegExp(`\\b((?:[A-Z][A-Za-z'’-]+\\s(?:(?:and|&)\\s)?){1,4})(${EN_HEADS})(?![A-Za-z])`, 'g');
/** "the Hyesan city police station": a capitalised name, a lower-case level word, then the office. */
const EN_LEVEL_OFFICE = /\b([A-Z][a-zŏŭ'’-]+)\s(?:city|county|provincial|district|town)\s(police station|police office|security office|security department|safety office|safety department|prison|jail|hospital|detention cent(?:re|er)|holding cent(?:re|er))\b/g;
const EN_LEVEL_CUE = /\s(?:city|county|provincial|district|town)\s(?:police|security|safety|prison|jail|hospital|detention|holding)/;

/** A substring search for the level words first: most texts have none, and the cue's leading \s is tried at every character. */
function hasLevelWord(text: string): boolean {
  return text.includes('city') || text.includes('county') || text.includes('provincial') || text.includes('district') || text.includes('town');
}

const EN_NOT_STEM = new Set(['The', 'A', 'An', 'My', 'Our', 'His', 'Her', 'Their', 'This', 'That', 'Some', 'Every', 'Any', 'No', 'South', 'North', 'Korean', 'Chinese', 'Big', 'Small', 'Local', 'State', 'National']);

export function detectGenericOrganisations(text: string, sink: Sink, hasHangul: boolean): void {
  if (hasHangul) {
    if (KO_CUE.test(text)) detectKoreanSuffixed(text, sink);
    if (text.includes('제')) {
      KO_NUMBERED.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = KO_NUMBERED.exec(text)) !== null) sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.85, 'numbered bureau');
    }
  }
  if (/[A-Z]/.test(text)) {
    if (EN_CUE.test(text)) detectEnglishSuffixed(text, sink);
    if (hasLevelWord(text) && EN_LEVEL_CUE.test(text)) {
      EN_LEVEL_OFFICE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = EN_LEVEL_OFFICE.exec(text)) !== null) {
        if (EN_COMMON.has(m[1]!.toLowerCase()) || EN_NOT_STEM.has(m[1]!)) continue;
        sink.add(m.index, m.index + m[0].length, 'FACILITY', 0.85, `office "${m[2]}" after a place`);
      }
    }
  }
}

/** 한빛전자라는, 대성무역회사에서: one written word, a stem of one or more syllables, the head, a particle. */
function detectKoreanSuffixed(text: string, sink: Sink): void {
  KO_HEAD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KO_HEAD_RE.exec(text)) !== null) {
    const headStart = m.index;
    const headEnd = headStart + m[1]!.length;
    let start = headStart;
    while (start > 0 && isHangulCode(text.charCodeAt(start - 1))) start--;
    let end = headEnd;
    while (end < text.length && isHangulCode(text.charCodeAt(end))) end++;
    const stem = text.slice(start, headStart);
    if (stem.length === 0 || stem.length > 5) continue;
    if (!isPlaceTail(text.slice(headEnd, end))) continue;
    if (KO_STEM_STOP.has(stem) || KO_STOPWORDS.has(stem)) continue;
    // A one-syllable stem is usually an ordinary compound (대학, 본사); two or more read as a name.
    if (stem.length === 1) continue;
    sink.add(start, headEnd, 'FACILITY', 0.8, `organisation "${m[1]}"`);
  }
  // 수성 병원: a bare name word, a space, then a head that is a word by itself.
  KO_BARE_RE.lastIndex = 0;
  while ((m = KO_BARE_RE.exec(text)) !== null) {
    const name = m[1]!;
    const headStart = m.index + name.length + 1;
    const headEnd = headStart + m[2]!.length;
    let end = headEnd;
    while (end < text.length && isHangulCode(text.charCodeAt(end))) end++;
    if (!isPlaceTail(text.slice(headEnd, end))) continue;
    if (KO_BEFORE_STOP.has(name) || KO_STOPWORDS.has(name)) continue;
    // Adnominal forms end in ㄴ/ㄹ (작은, 유명한, 다닐) and demonstratives are stopped above.
    const last = name[name.length - 1]!;
    if (endsInNieunOrRieul(last)) continue;
    // Particles and verb endings (집에, 일하다가, 아파서): a word that ends a clause, not a name.
    if (/(?:에서|으로|에게|하고|처럼|보다|까지|부터|다가|[은는을를의에와과던고서며러면니게지다요도만])$/.test(name)) continue;
    sink.add(m.index, headEnd, 'FACILITY', 0.75, `named "${m[2]}"`);
  }
}


function detectEnglishSuffixed(text: string, sink: Sink): void {
  EN_ORG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = EN_ORG.exec(text)) !== null) {
    let words = m[1]!.trim().split(/\s+/);
    while (words.length > 0 && (EN_NOT_STEM.has(words[0]!) || EN_COMMON.has(words[0]!.toLowerCase()) || EN_TITLES.includes(words[0]!) || /^(?:and|&)$/.test(words[0]!))) words = words.slice(1);
    if (words.length === 0) continue;
    const prefix = words.join(' ');
    const start = m.index + m[0].indexOf(prefix);
    sink.add(start, m.index + m[0].length, 'FACILITY', 0.8, `organisation "${m[2]}"`);
  }
}
