/**
 * PERSON: a nickname or alias that is an ordinary word (메뚜기, 두더지, 망치), named by a frame that says
 * "this is what we called him" without quotes: 다들 X라고 했어요, X라고 불렀다, X라는 별명, 가명 X,
 * 진짜 이름은 … 이었지만 … X라고. Once a word is established as a name in a text, its other uses as a
 * name are found by the repeat pass (propagateNames in detect.ts), since the score is above its threshold.
 *
 * The evidence is the naming frame, not the word: 메뚜기 alone is an insect. Words that a naming frame
 * can hold but that are not names (그렇게, 뭐, 이름, 동무) are refused.
 *
 * Prefilter: runs only when the text has "라고", "라는", "별명", "가명" or "일명".
 */
import { hasFinalConsonant } from './hangul';
import { KINSHIP_BEFORE, TITLES } from './lexicon';
import type { Sink } from './scan';

/** Subject of calling before the name: 다들, 모두, 사람들이, 우리는, 그를 … */
const CALLERS = '(?:다들|모두|모두들|사람들은|사람들이|사람들도|동네 사람들은|우리는|우리가|우리끼리는|애들은|아이들은|그를|그녀를|그 사람을|그 여자를|그 남자를|그분을|그이를|저를|나를|제를)';
/** Verbs of calling after 라고. */
const CALL_VERBS = '(?:불렀|부르|불러|불리|불린|했|하더|했었|부릅)';
const NAME = '([\\uac00-\\ud7a3]{2,4}?)';
/** "학교라고 부르는 곳": what is called so is a thing or a place, not a person. */
const NOT_A_THING = '(?!는 (?:곳|것|데|건물|장소|방|집|산|마을))';
/** "그 산을 X라고 불렀다": the thing named just before the frame is a place. */
const PLACE_OBJECT = /(?:산|곳|마을|동네|골짜기|골|강|섬|고개|바위|집|건물|수용소|감옥|방|길|다리|역)(?:을|를) $/;
const FRAMES: readonly RegExp[] = [
  // 다들 메뚜기라고 했어요 / 그 사람을 두더지라고 불렀다
  new RegExp(`${CALLERS} ${NAME}(?:이)?라고(?:들)? ${CALL_VERBS}${NOT_A_THING}`, 'g'),
  // 메뚜기라고 불렀다 / 두더지라고 불리던
  new RegExp(`(?<![\\uac00-\\ud7a3])${NAME}(?:이)?라고(?:들|만)? (?:불렀|부르|불러|불리|불린|불렸)${NOT_A_THING}`, 'g'),
  // 메뚜기라는 별명 / 모영이라는 가명
  new RegExp(`(?<![\\uac00-\\ud7a3])${NAME}(?:이)?라는 (?:별명|가명|별칭|이름)`, 'g'),
  // 별명은 메뚜기 / 가명 모영 / 일명 두더지
  new RegExp(`(?:별명|가명|별칭|일명|암호명)(?:은|이|이었던|인)? ${NAME}(?=[\\s,.)」』"'”’]|이(?:다|었|고|라)|였|(?:은|는|이|가|을|를|의|한테|에게|하고|와|과|로)(?![\\uac00-\\ud7a3]))`, 'g'),
];
const CUES = /라고|라는|별명|가명|일명|별칭|암호명/;

/** Words that a naming frame can hold but that are never a person's name. */
const NOT_NICKNAMES: ReadonlySet<string> = new Set([
  '그렇게', '이렇게', '저렇게', '그런', '이런', '뭐', '무엇', '누구', '이름', '별명', '가명', '동무', '동지', '선생', '아저씨', '아줌마',
  '아주머니', '할머니', '할아버지', '언니', '오빠', '형님', '누나', '이모', '삼촌', '고모', '어머니', '아버지', '엄마', '아빠', '사람',
  '큰형', '작은형', '큰언니', '큰오빠', '여자', '남자', '아이', '애기', '아기', '거기', '여기', '저기', '그것', '이것', '저것', '그거', '이거', '우리', '자기', '당신', '너희',
  '간첩', '반역자', '배신자', '역적', '도둑', '거지', '꽃제비', '탈북자', '새터민', '조선족', '한족', '중국', '한국', '조선', '북한',
  '남한', '괜찮', '안된', '없다', '있다', '했다', '한다', '간다', '온다', '그래', '그렇다', '아니', '예', '네',
]);

export function detectGenericNicknames(text: string, sink: Sink, hasHangul: boolean): void {
  if (!hasHangul || !CUES.test(text)) return;
  for (const frame of FRAMES) {
    frame.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = frame.exec(text)) !== null) {
      const name = m[1]!;
      // 형이라고: after a final consonant the 이 may be the copula. 부엉이라고 keeps it (the span must cover
      // the whole nickname); a title or a one-syllable stem (형, 곰) is left to the rules for those.
      if (name.endsWith('이') && hasFinalConsonant(name[name.length - 2])) {
        const stem = name.slice(0, -1);
        if (stem.length < 2 || TITLES.has(stem) || KINSHIP_BEFORE.has(stem) || NOT_NICKNAMES.has(stem)) continue;
      }
      // A quoted clause ("간다고 했다") or a verb form (불리던) ends in a verb ending, not a noun.
      if (name.length < 2 || NOT_NICKNAMES.has(name) || /[다요죠까네지던는린된한]$/.test(name)) continue;
      if (PLACE_OBJECT.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
      const start = m.index + m[0].indexOf(name, frame === FRAMES[0] ? m[0].indexOf(' ') : 0);
      sink.add(start, start + name.length, 'PERSON', 0.85, 'nickname named by a calling frame');
    }
  }
}
