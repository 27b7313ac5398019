/**
 * Regular-expression sources that match a Korean name in any common romanisation: McCune–Reischauer
 * with or without breves and apostrophes (Ch'ŏl, Chol), Revised Romanization (Cheol), and the
 * spellings people choose for passports (Chul, Young, Lee, Park). Used to find a name known in Hangul
 * ("김영철") in an English translation ("Kim Young-chul", "Kim Yong Chol", "Yong-chol Kim").
 */
import { decompose } from './hangul';

const INITIALS: readonly string[] = [
  '[gk]', '(?:kk|gg|k)', 'n', '[dt]', '(?:tt|dd|t)', '[rln]', 'm', '[bp]', '(?:pp|bb|p)', '(?:sh|s)', '(?:ss|s)', '',
  '(?:j|ch|tj|z)', '(?:jj|tch|ch|j)', "(?:ch['’]?|tch|c)", "k['’]?", "t['’]?", "(?:p['’]?|f)", 'h',
];
const MEDIALS: readonly string[] = [
  'a', '(?:ae|ai|e)', 'ya', '(?:yae|ye)', '(?:eo|o|ŏ|u)', 'e', '(?:yeo|yo|yŏ|you|yu)', 'ye', '(?:oh|o)', 'wa', 'wae',
  '(?:oe|we|oi)', 'yo', '(?:oo|ou|u)', '(?:weo|wo|wŏ)', 'we', '(?:wee|wi)', '(?:yoo|you|yu)', '(?:eu|ŭ|u|e)',
  '(?:eui|ŭi|ui|i)', '(?:ee|i|y)',
];
const FINALS: readonly string[] = [
  '', '[kg]', '[kg]', '[kg]', 'n', 'n', 'n', '[td]', '[lr]', '[kgl]', '[ml]', '[lpb]', '[ls]', '[lt]', '[lp]', '[lh]',
  'm', '[pb]', '[pb]', '[ts]', '[ts]', 'ng', '[tj]', '(?:t|ch)', '[kg]', 't', '[pb]', '[th]?',
];

/** Spellings of surnames that the letter rules do not produce (Lee, Park, Choi, Rhee, Oh). */
const SURNAME_EXTRAS: Readonly<Record<string, string>> = {
  이: 'lee|yi|rhee|rhie|ri|li|i|yee', 리: 'lee|yi|rhee|rhie|ri|li|i|yee', 박: 'park|pak|bak|pack', 최: 'choi|choe|chey|choy',
  정: 'jung|jeong|chung|chong|jong|cheong|joung', 조: 'cho|jo|joe|chough', 윤: 'yoon|yun|youn', 임: 'lim|im|rim|yim|leem',
  림: 'lim|im|rim|yim|leem', 류: 'ryu|yu|yoo|ryoo|lyu|rew|you', 유: 'ryu|yu|yoo|ryoo|lyu|you', 노: 'noh|no|roh|ro|rho|nho',
  로: 'noh|no|roh|ro|rho', 오: 'oh|o|oe', 신: 'shin|sin|shinn', 강: 'kang|gang|kahng', 구: 'koo|ku|gu|goo|kou',
  권: 'kwon|gwon|kwan', 문: 'moon|mun|mune', 안: 'ahn|an|ann', 허: 'heo|hur|ho|huh|her', 명: 'myung|myong|myeong',
  배: 'bae|pae|bai|bay', 백: 'baek|paek|paik|baik|back', 변: 'byun|pyon|byeon|pyun', 서: 'seo|suh|so|sur|seu',
  손: 'son|sohn|shon', 장: 'jang|chang|zhang', 전: 'jeon|jun|chon|chun|jon|jeun', 진: 'jin|chin|jeen', 차: 'cha|char',
  천: 'cheon|chun|chon|chen', 현: 'hyun|hyon|hyeon', 김: 'kim|gim|ghim', 엄: 'eom|um|om|uhm|eum', 염: 'yeom|yum|yom|ryom',
  렴: 'yeom|yum|yom|ryom', 여: 'yeo|yo|ryo|yu|yuh', 려: 'yeo|yo|ryo|yu|yuh', 연: 'yeon|yon|ryon|yun|youn', 련: 'yeon|yon|ryon|yun',
  육: 'yuk|ryuk|yook|yug', 륙: 'yuk|ryuk|yook', 양: 'yang|ryang|liang', 량: 'yang|ryang|liang', 량주: 'ryangju',
  우: 'woo|u|wu|ou', 주: 'ju|joo|chu|choo|jou', 추: 'chu|choo|chou', 고: 'ko|go|koh|kho', 도: 'do|to|doh|toh',
  석: 'seok|sok|suk|sek', 선: 'seon|sun|son|sunn', 설: 'seol|sol|sul|seul', 심: 'sim|shim|seem', 황보: 'hwangbo|hwang-bo',
  남궁: 'namgung|namkoong|namkung|nam-gung', 제갈: 'jegal|chegal|je-gal', 선우: 'sunwoo|seonu|sonu|sun-woo', 독고: 'dokgo|tokko',
  사공: 'sagong|sakong', 곽: 'kwak|gwak|kwok', 용: 'yong|yung|ryong', 룡: 'yong|yung|ryong', 원: 'won|weon|one',
  위: 'wi|wee|we', 은: 'eun|un|ueon', 인: 'in|yin', 표: 'pyo|pyoh', 피: 'pi|pee|phi', 하: 'ha|hah', 함: 'ham|hahm',
  홍: 'hong|houng', 황: 'hwang|whang', 송: 'song|soung', 한: 'han|hahn', 방: 'bang|pang', 길: 'gil|kil|kill', 지: 'ji|chi|jee',
  채: 'chae|chai|che', 탁: 'tak|tag', 편: 'pyeon|pyon|pyun', 제: 'je|che|jae', 계: 'gye|kye|kay|gae', 기: 'ki|gi|kee',
  나: 'na|nah|ra', 라: 'ra|na|la', 마: 'ma|mah', 모: 'mo|moh', 민: 'min|mean', 반: 'ban|pan', 봉: 'bong|pong',
  빈: 'bin|pin|bihn', 성: 'sung|seong|song|sheng', 소: 'so|soh', 시: 'si|shi|see', 옥: 'ok|ock|oak', 왕: 'wang|whang',
  어: 'eo|o|uh|aw', 경: 'kyung|kyong|gyeong|kyeong', 국: 'kook|kuk|guk|gook', 금: 'keum|kum|geum|gum', 남: 'nam|nahm',
  동방: 'dongbang|tongbang', 서문: 'seomun|somun',
};

function syllableSource(syllable: string, initialRelaxed: boolean): string {
  const parts = decompose(syllable);
  if (!parts) return syllable.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const [initial, medial, final] = parts;
  let head = INITIALS[initial]!;
  // An initial ㄹ or ㄴ before i/y is silent in South Korean spelling (리 → Yi, 녀 → yeo).
  if (initialRelaxed && (initial === 5 || initial === 2) && [2, 3, 6, 7, 12, 17, 20].includes(medial)) head = `${head}?`;
  let vowel = MEDIALS[medial]!;
  // 우 is often written "Woo", 워 "Wo", 의 "Ui/Eui".
  if (initial === 11 && medial === 13) vowel = '(?:woo|wu|oo|ou|u)';
  return `${head}${vowel}${FINALS[final]!}`;
}

/** Regex source matching one syllable of a given name. */
export function givenSyllableSource(syllable: string): string {
  return `(?:${syllableSource(syllable, true)})`;
}

/** Regex source matching a surname (one or two syllables) in every usual spelling. */
export function surnameSource(surname: string): string {
  const extras = SURNAME_EXTRAS[surname];
  const generic = [...surname].map((s) => syllableSource(s, true)).join("[-\\s'’]?");
  return extras ? `(?:${extras}|${generic})` : `(?:${generic})`;
}

/** Regex source matching a given name: syllables joined by nothing, a hyphen, a space or an apostrophe. */
export function givenNameSource(given: string): string {
  return [...given].map(givenSyllableSource).join("[-\\s'’]?");
}
