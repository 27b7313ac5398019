/**
 * A canonical key for romanised Korean names, so that every usual spelling of one name meets:
 * McCune–Reischauer with or without breves and apostrophes (Ch'ŏl, Chol), Revised Romanization
 * (Cheol), passport spellings (Chul, Young, Lee, Park, Choi). The key folds what the systems disagree
 * on: voiced and voiceless (g/k, d/t, b/p, j/ch), r/l, and the vowels ㅓ/ㅗ/ㅜ/ㅡ (eo, o, u, eu, oo),
 * ㅕ/ㅛ/ㅠ (yeo, yo, you, yu), ㅐ/ㅔ/ㅚ (ae, e, oe, oi). Different names may share a key ("Chul" and
 * "Chol"): for finding known names that errs on the side of redacting.
 *
 * Hangul is romanised to one spelling and keyed the same way, so 김영철 finds "Kim Young-chul",
 * "Kim Yong Chol" and "Yong-chol Kim" in a translation without one regular expression per name.
 */
import { decompose } from './hangul';
import { registerDetectorCache } from './scan';

/** Spelling units, longest first, and what each folds to. */
const UNITS: ReadonlyArray<readonly [string, string]> = [
  ['tch', 'c'], ['yeo', 'yo'], ['you', 'yo'], ['yoo', 'yo'], ['yae', 'ye'], ['eui', 'i'], ['weo', 'wo'], ['wae', 'we'],
  ['ng', 'ng'], ['ch', 'c'], ['sh', 's'], ['kk', 'k'], ['gg', 'k'], ['tt', 't'], ['dd', 't'], ['pp', 'p'], ['bb', 'p'], ['ss', 's'],
  ['jj', 'c'], ['ph', 'p'], ['th', 't'], ['kh', 'k'], ['eo', 'o'], ['eu', 'o'], ['oo', 'o'], ['ou', 'o'], ['ae', 'e'], ['ai', 'e'],
  ['oe', 'e'], ['oi', 'e'], ['ee', 'i'], ['ui', 'i'], ['wa', 'wa'], ['wo', 'wo'], ['we', 'we'], ['wi', 'wi'], ['ya', 'ya'],
  ['yo', 'yo'], ['yu', 'yo'], ['ye', 'ye'],
];
const SINGLE: Readonly<Record<string, string>> = {
  a: 'a', e: 'e', i: 'i', o: 'o', u: 'o', y: 'i', g: 'k', k: 'k', d: 't', t: 't', b: 'p', p: 'p', f: 'p', j: 'c', z: 'c', c: 'c',
  r: 'l', l: 'l', s: 's', h: 'h', m: 'm', n: 'n', w: 'w', x: 's', q: 'k', v: 'p',
};

const UNITS_BY_FIRST = new Map<string, Array<readonly [string, string]>>();
for (const unit of UNITS) UNITS_BY_FIRST.set(unit[0][0]!, [...(UNITS_BY_FIRST.get(unit[0][0]!) ?? []), unit]);
/** Keys of romanised words seen lately (words of testimony: emptied by clearDetectorCaches). */
const keyCache = new Map<string, string>();
registerDetectorCache(keyCache);
const KEY_CACHE_LIMIT = 20_000;

/** The canonical key of romanised text: letters only, spelling variants folded. */
export function romanKey(text: string): string {
  const cached = keyCache.get(text);
  if (cached !== undefined) return cached;
  const ascii = /^[A-Za-z]*$/.test(text) ? text : text.normalize('NFKD').replace(/[^A-Za-z]/g, '');
  const s = ascii.toLowerCase();
  let out = '';
  let i = 0;
  outer: while (i < s.length) {
    const units = UNITS_BY_FIRST.get(s[i]!);
    if (units) {
      for (const [unit, folded] of units) {
        if (s.startsWith(unit, i)) {
          if (!out.endsWith(folded)) out += folded;
          i += unit.length;
          continue outer;
        }
      }
    }
    const single = SINGLE[s[i]!] ?? '';
    // Doubled letters from joining syllables ("Kapryong", "Kap-pyong") fold too.
    if (single && out[out.length - 1] !== single) out += single;
    i += 1;
  }
  if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
  keyCache.set(text, out);
  return out;
}

const INITIAL = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
const MEDIAL = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const FINAL = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

/** One romanisation of Hangul (Revised Romanization without its sound-change rules). */
export function romaniseHangul(hangul: string): string {
  let out = '';
  for (const ch of hangul) {
    const parts = decompose(ch);
    out += parts ? INITIAL[parts[0]]! + MEDIAL[parts[1]]! + FINAL[parts[2]]! : ch;
  }
  return out;
}

/** Spellings of surnames the letter rules do not produce: Lee, Rhee, Park, Choi, Oh, Noh … */
const SURNAME_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  이: ['lee', 'yi', 'rhee', 'ri', 'li', 'i', 'yee', 'rhie'], 리: ['lee', 'yi', 'rhee', 'ri', 'li', 'i', 'yee'], 박: ['park', 'pak', 'bak'],
  최: ['choi', 'choe'], 정: ['jung', 'jeong', 'chung', 'chong', 'jong'], 조: ['cho', 'jo', 'joe'], 윤: ['yoon', 'yun'], 임: ['lim', 'im', 'rim', 'yim'],
  림: ['lim', 'im', 'rim', 'yim'], 류: ['ryu', 'yu', 'yoo', 'lyu'], 유: ['ryu', 'yu', 'yoo', 'lyu'], 노: ['noh', 'no', 'roh', 'ro', 'rho'],
  로: ['noh', 'no', 'roh', 'ro', 'rho'], 오: ['oh', 'o'], 우: ['woo', 'u', 'wu'], 양: ['yang', 'ryang'], 량: ['yang', 'ryang'],
  여: ['yeo', 'yo', 'ryo'], 려: ['yeo', 'yo', 'ryo'], 염: ['yeom', 'yom', 'ryom'], 렴: ['yeom', 'yom', 'ryom'], 연: ['yeon', 'yon', 'ryon'],
  련: ['yeon', 'yon', 'ryon'], 육: ['yuk', 'ryuk'], 륙: ['yuk', 'ryuk'], 용: ['yong', 'ryong'], 룡: ['yong', 'ryong'], 나: ['na', 'ra'],
  라: ['ra', 'na'], 신: ['shin', 'sin'], 심: ['shim', 'sim'], 안: ['ahn', 'an'], 한: ['han', 'hahn'], 함: ['ham', 'hahm'], 허: ['heo', 'hur', 'ho', 'huh'],
  엄: ['eom', 'um', 'om', 'uhm'], 배: ['bae', 'pae'], 백: ['baek', 'paek', 'paik'], 변: ['byun', 'pyon', 'byeon'], 서: ['seo', 'suh', 'so'],
  손: ['son', 'sohn'], 전: ['jeon', 'jun', 'chon', 'chun', 'jon'], 천: ['cheon', 'chun', 'chon'], 김: ['kim', 'gim'], 곽: ['kwak', 'gwak'],
  구: ['koo', 'ku', 'gu'], 권: ['kwon', 'gwon'], 문: ['moon', 'mun'], 명: ['myung', 'myong', 'myeong'], 남궁: ['namgung', 'namkoong', 'namkung'],
  황보: ['hwangbo'], 제갈: ['jegal', 'chegal'], 선우: ['sunwoo', 'seonu', 'sonu'], 독고: ['dokgo', 'tokko'], 사공: ['sagong', 'sakong'],
};

/** Keys of every usual spelling of a Hangul surname. */
export function surnameKeys(surname: string): string[] {
  return [...new Set([romanKey(romaniseHangul(surname)), ...(SURNAME_SPELLINGS[surname] ?? []).map(romanKey)])];
}
