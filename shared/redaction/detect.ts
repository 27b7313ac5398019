/**
 * First rule-based detector of identifying spans in testimony (annotation guide:
 * redaction-devset/ANNOTATION.md). Recall matters more than precision: a missed name can get a
 * family punished, an extra redaction only costs a reviewer a click. Every span says which rule
 * fired in `reason`.
 */
import { borderPlaces, facilities, facilityNames, nkPlaces, placeNames } from '../gazetteer/index';
import { normaliseKoreanInitialSound } from '../text/korean';
import surnameData from './data/surnames.json';
import placesExtra from './data/places-extra.json';
import { findKnownTerms } from './known-terms';
import { foldInitialSound } from './hangul';
import type { DetectedSpan, DetectOptions, SpanType } from './types';

export type { DetectedSpan, DetectOptions, KnownTerm, SpanType } from './types';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

const H = '\uac00-\ud7a3';
const PARTICLE_ALT_SRC = '(?:에서|에게|한테|으로|로|에|은|는|이|가|을|를|의|와|과|도|만|까지|부터|였|이었|입니다|이다|라는|이라는|라고|이라고|처럼|보다)';
/** After a name: end of Hangul, or a particle. */
const AFTER_NAME = `(?=$|[^${'\uac00-\ud7a3'}]|${PARTICLE_ALT_SRC})`;
const isHangul = (ch: string | undefined): boolean => ch !== undefined && ch >= '\uac00' && ch <= '\ud7a3';
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

/** Korean particles and copula endings that may follow a name; longest first. */
const PARTICLES = [
  '이었습니다', '였습니다', '이었어요', '였어요', '이었는데', '였는데', '이고요', '이었지', '였지', '이라는', '이라고', '이랑은', '고요', '였어', '였다', '에게서', '한테서', '이에요', '이었고', '이었는데', '이었습니다', '이었어요', '입니다', '이었', '이고',
  '이가', '이는', '이를', '이도', '이와', '이의', '이랑', '이한테', '이네', '이야', '이나', '라는', '라고', '에게', '한테', '에서',
  '하고', '까지', '부터', '처럼', '보다', '이다', '였고', '였다', '였는데', '예요', '이', '가', '은', '는', '을', '를', '의', '와',
  '과', '도', '로', '랑', '야', '아', '고', '요', '만', '께',
];
const HONORIFICS = ['씨', '님', '동무', '동지', '선생', '선생님'];
const KOREAN_TITLES = [
  '과장', '사장', '반장', '부장', '지도원', '보위원', '안전원', '보안원', '선생', '선생님', '할머니', '할아버지', '아주머니', '아줌마',
  '아저씨', '소장', '대장', '중대장', '소대장', '목사', '목사님', '집사', '전도사', '교수', '원장', '국장', '처장', '예심원',
  '계호원', '군관', '중위', '대위', '소좌', '중좌', '상좌', '대좌', '소위', '상위', '하사', '중사', '상사', '담임', '비서', '위원장',
  '지배인', '기사장', '작업반장', '인민반장', '당비서', '책임자', '주임', '부원', '간부', '언니', '오빠', '형', '누나', '동생',
  '씨네', '씨네', '가족', '영감', '노인', '처녀', '총각', '여사', '사모', '집', '네',
];
const KINSHIP = [
  '아버지', '어머니', '아버님', '어머님', '아빠', '엄마', '동생', '남동생', '여동생', '오빠', '언니', '형', '누나', '남편', '아내',
  '처', '부인', '아들', '딸', '큰아들', '작은아들', '큰딸', '작은딸', '할머니', '할아버지', '외할머니', '외할아버지', '삼촌', '고모',
  '이모', '외삼촌', '큰아버지', '작은아버지', '사촌', '조카', '친구', '동무', '브로커', '보위원', '지도원', '안전원', '보안원', '과장',
  '반장', '인민반장', '예심원', '계호원', '군관', '목사', '선교사', '안내인', '중개인', '주인', '사장', '여자', '남자', '사람', '며느리',
  '사위', '시어머니', '시아버지', '장모', '장인', '애인', '신랑', '색시', '이웃', '옆집', '동네', '감방', '담당', '담당자', '조장',
  '기자', '선생', '선생님', '교사', '의사', '간호사', '담임', '소대장', '중대장', '대대장', '정치지도원', '분대장', '부인',
];
/** Words after "라는/이라는" that say the preceding word is a name or nickname. */
const NICKNAME_HEADS = [
  '형', '누나', '언니', '오빠', '사람', '브로커', '남자', '여자', '아이', '애', '아저씨', '아주머니', '할머니', '할아버지', '중국인',
  '조선족', '이름', '별명', '친구', '동생', '청년', '처녀', '총각', '보위원', '안전원', '군인', '목사', '선교사', '분', '이', '녀석', '놈',
  '아줌마', '노인', '소녀', '소년', '가이드', '안내인', '여성', '남성', '조선족', '한족',
];
/** Top leaders and other words the annotation guide leaves unmarked, or common words that look like names. */
const KOREAN_STOPWORDS = new Set([
  '김일성', '김정일', '김정은', '김여정', '김정숙', '김형직', '김정남', '장성택', '최룡해', '이설주', '리설주', '한국', '한국인', '한국어',
  '조선', '조선족', '조선말', '조선어', '중국', '중국인', '이때', '이제', '이미', '이번', '이상', '이후', '이전', '이유', '이름',
  '이야기', '이웃', '이불', '이사', '이틀', '이런', '이렇게', '정말', '정도', '정부', '정치', '정신', '정치범', '정보', '정착',
  '장마당', '장사', '장사꾼', '장례', '장군', '장소', '전기', '전화', '전화기', '전부', '전에', '전쟁', '전혀', '주민', '주인', '주소',
  '주변', '주말', '김치', '박스', '오늘', '오후', '오전', '오빠', '오래', '조사', '조금', '조직', '조카', '선생', '선생님', '선물',
  '고난', '고향', '고생', '고기', '고모', '강냉이', '강물', '강가', '문제', '문화', '신발', '신고', '신분', '신앙', '신세', '안전',
  '안전원', '안내', '안내인', '한번', '한때', '한편', '한참', '한국말', '배급', '배고픔', '배고파', '방법', '방안', '방송', '양식',
  '양말', '하루', '하나', '하늘', '하나님', '남편', '남자', '남쪽', '남한', '남은', '남의', '심정', '심문', '노동', '노동자', '노인',
  '로동', '로동자', '류학', '리유', '민족', '성경', '성분', '차라리', '차량', '우리', '우리집', '구류장', '구역', '기차', '기억',
  '마을', '마음', '마지막', '반장', '반찬', '백성', '백두산', '공안', '공장', '공부', '현금', '함께', '변방', '여자', '여기', '여름',
  '여권', '도시', '도강', '도움', '도로', '소식', '소리', '석달', '선교사', '설날', '연락', '연길', '위험', '표정', '명절', '기도',
  '왕래', '금방', '옥수수', '인민', '인민반', '제일', '모두', '모습', '모르', '탁아소', '국경', '국수', '어머니', '어른', '은혜',
  '편지', '편히', '용서', '예배', '봉사', '경비', '경찰', '태어', '감옥', '감방', '감시', '엄마', '채소', '원래', '천천히', '진짜',
  '진술', '지금', '지도원', '지역', '나이', '나중', '나라', '라오스', '유일', '유명', '허락', '홍수', '손님', '손녀', '손자', '송금',
  '최고', '최근', '최후', '방금', '황해도', '길주', '명령', '기회', '고문', '구타', '시간', '이모', '이것', '이곳', '이쪽', '조건',
  '정말로', '하나원', '마흔', '서른', '스물', '예순', '여든', '한국행', '장백', '임신', '임무', '양강도', '강원도', '강계', '한족',
  '천주교', '하루종일', '석탄', '경험', '공화국', '부모', '형님', '형제', '남매', '오누이', '윤곽', '민가', '성격', '신청', '신경',
  '예심원', '계호원', '연구', '연구용', '소금', '소금국', '고향인', '강화', '아직', '광산', '소문', '자식', '소용', '학교', '휴가', '목사', '경위', '장기수',
  '삼촌', '외삼촌', '사촌', '안에', '안에서', '강을', '문을', '배를', '한번도', '전혀', '길을', '길이', '연변', '주석', '장군님', '원수', '수령',
]);
const SURNAMES = new Set<string>(surnameData.hangul);
const COMPOUND_SURNAMES = surnameData.hangulCompound;
const ROMAN_SURNAMES = new Set<string>(surnameData.roman);
/** Syllables frequent in Korean given names; used to accept names with weak context. */
const GIVEN_SYLLABLES = new Set(
  ('영 철 광 명 길 정 숙 순 희 미 란 수 호 혁 남 금 애 옥 자 경 태 식 진 우 윤 상 덕 실 은 혜 동 석 주 성 민 준 현 훈 지 연 아 '
    + '나 화 선 향 춘 복 봉 만 용 일 국 학 기 범 근 환 웅 섭 규 원 종 재 세 승 표 송 림 련 련 룡 용 남 분 단 녀 여 심 향 옥 월 '
    + '해 신 창 찬 한 욱 빈 효 서 소 유 예 하 인 의 이 강 건 철 혁 권 천 택 필 평 청 삼 보 생 숙 임 휘 열 준 협 양 제 구 륜 형 '
    + '랑 매 계 은 향 분 녕 령 례 란 련 결 균 남 덕 두 래 립 명 무 문 백 부 사 산 설 손 송 시 안 엽 오 완 운 위 율 을 익 작 장 '
    + '전 조 중 직 집 차 초 충 칠 탁 탄 파 포 풍 학 항 허 홍 활 황 효 후 흥 희 혜 경 미 정 수').split(/\s+/).filter(Boolean),
);
/** A narrower set for names accepted without any context word. */
const STRICT_GIVEN_SYLLABLES = new Set(
  ('영 철 광 명 길 숙 순 희 미 란 혁 금 애 옥 자 경 태 식 진 윤 덕 실 혜 석 민 준 훈 연 화 향 춘 복 봉 룡 용 남 녀 월 '
    + '선 찬 욱 빈 효 예 범 근 환 웅 섭 규 원 종 재 승 림 련 철 혁 필 휘 협 륜 형 매 녕 령 례 곤 린 별 비 옥 분 심 호 수 정 성 현 '
    + '지 은 아 인 국 일 학 기 동 상 우 주 송 해 한 강 건 천 택 청 삼 보 임 열 양 제 구 위 의 운 완 오 엽').split(/\s+/).filter(Boolean),
);
/** Last syllables that make a 3-syllable word a 2-syllable word + particle or verb ending. */
const PARTICLE_SYLLABLES = new Set('은 는 이 가 을 를 의 도 만 와 과 로 서 고 면 며 나 지 게 해 하 한 던 된 할 께 랑 요 다 라 야 여 에 처 서 든 니 까 며 죠 네 시 어 아'.split(' '));
const NUMBER_WORDS_EN =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|'
  + 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const EN_AGE_NUMBER = `(?:\\d{1,2}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|${NUMBER_WORDS_EN})`;
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

// ---------------------------------------------------------------------------------------------
// Public API

/** Finds identifying spans; sorted by start, overlapping spans merged. */
export function detectSpans(text: string, options: DetectOptions = {}): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  const add = (start: number, end: number, type: SpanType, score: number, reason: string): void => {
    if (end > start) found.push({ start, end, type, score, reason });
  };
  detectContacts(text, add);
  detectIds(text, add);
  detectDates(text, add);
  detectAges(text, add);
  detectFacilities(text, add);
  detectPlaces(text, add);
  detectKoreanPersons(text, add);
  detectRomanPersons(text, add);
  detectNicknames(text, add);
  if (options.knownTerms?.length) {
    findKnownTerms(text, options.knownTerms, (start, end, type, score, reason, source) => found.push({ start, end, type, score, reason, knownTermSource: source }), foldInitialSound(text));
  }
  propagatePersonNames(text, found, add);
  return mergeSpans(found);
}

// ---------------------------------------------------------------------------------------------
// Merging

const TYPE_PRIORITY: Record<SpanType, number> = { ID: 7, CONTACT: 6, FACILITY: 5, PERSON: 4, PLACE: 3, DATE: 2, AGE: 1 };

function mergeSpans(spans: DetectedSpan[]): DetectedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DetectedSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) {
      // A place inside a facility belongs to the facility; otherwise the stronger type wins.
      const keepLast = last.knownTermSource !== undefined || (span.knownTermSource === undefined && TYPE_PRIORITY[last.type] >= TYPE_PRIORITY[span.type]);
      const kept = keepLast ? last : span;
      const merged: DetectedSpan = {
        start: last.start,
        end: Math.max(last.end, span.end),
        type: kept.type,
        score: Math.max(last.score, span.score),
        reason: kept.reason,
        ...(kept.knownTermSource !== undefined ? { knownTermSource: kept.knownTermSource } : {}),
      };
      out[out.length - 1] = merged;
    } else {
      out.push({ ...span });
    }
  }
  return out;
}

type Add = (start: number, end: number, type: SpanType, score: number, reason: string) => void;

function eachMatch(text: string, re: RegExp, fn: (m: RegExpExecArray) => void): void {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  let m: RegExpExecArray | null;
  while ((m = global.exec(text)) !== null) {
    fn(m);
    if (m[0].length === 0) global.lastIndex++;
  }
}

/** Start offset of capture group `group` inside match `m` (the group's text must occur in the match). */
function groupStart(m: RegExpExecArray, group: number): number {
  const g = m[group] ?? '';
  const full = m[0];
  // Groups are at the end or after a known prefix: search from the right of earlier groups.
  let from = 0;
  for (let i = 1; i < group; i++) {
    const earlier = m[i];
    if (earlier) {
      const at = full.indexOf(earlier, from);
      if (at >= 0) from = at + earlier.length;
    }
  }
  const at = full.indexOf(g, from);
  return m.index + (at >= 0 ? at : full.indexOf(g));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// CONTACT and ID

function detectContacts(text: string, add: Add): void {
  eachMatch(text, /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/, (m) => add(m.index, m.index + m[0].length, 'CONTACT', 0.99, 'e-mail'));
  // International and Korean/Chinese phone numbers with separators.
  const phone =
    /(?<![\w+-])(?:(?:\+|00)?(?:82|86|66|856|95|84|976)[-\s.]?)?\(?0?\d{1,4}\)?[-\s.]\d{3,4}[-\s.]\d{4}(?![\w-])/;
  eachMatch(text, phone, (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 9) add(m.index, m.index + m[0].length, 'CONTACT', 0.95, 'phone number');
  });
  eachMatch(text, /(?<![\w-])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\w-])/, (m) =>
    add(m.index, m.index + m[0].length, 'CONTACT', 0.95, 'Chinese mobile number'),
  );
  eachMatch(text, /(?<![\w-])01[016789]-?\d{3,4}-?\d{4}(?![\w-])/, (m) =>
    add(m.index, m.index + m[0].length, 'CONTACT', 0.95, 'Korean mobile number'),
  );
  // Messenger handles after a context word.
  const handle =
    /(?<![A-Za-z])(WeChat|Wechat|wechat|weixin|위챗|웨이신|카톡|카카오톡|카카오|KakaoTalk|Kakao|kakao|QQ|Line|LINE|라인|Telegram|텔레그램|Facebook|페이스북|Instagram|인스타그램|e-?mail|이메일|메일|아이디|ID|id|handle|account|계정)(?![A-Za-z])(?:\s*(?:ID|id|아이디|account|계정|handle|번호|number|address|주소|name))?\s*(?:is|was|as|:|：|,|은|는|이|가|로|으로)?\s*(?:is|was|as)?\s*["'“‘(]?([A-Za-z0-9][A-Za-z0-9_.\-]{2,40}[A-Za-z0-9])/;
  eachMatch(text, handle, (m) => {
    const value = m[2] ?? '';
    if (!/[\d_.]/.test(value)) return;
    if (/^\d{1,4}$/.test(value)) return;
    const start = groupStart(m, 2);
    add(start, start + value.length, 'CONTACT', 0.85, `handle after "${m[1]}"`);
  });
}

function detectIds(text: string, add: Add): void {
  eachMatch(text, /(?<!\d)\d{6}-[1-8]\d{6}(?!\d)/, (m) => add(m.index, m.index + m[0].length, 'ID', 0.99, 'resident registration number'));
  eachMatch(text, /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/, (m) => add(m.index, m.index + m[0].length, 'ID', 0.95, 'Chinese ID number'));
  eachMatch(text, /(?<![\w-])[A-Z]{1,2}\d{7,8}(?![\w-])/, (m) => add(m.index, m.index + m[0].length, 'ID', 0.85, 'passport-like number'));
  // Codes with letters and digits joined by dashes or slashes: IDC-XXX-2013-0001, ABC/2014/123.
  eachMatch(text, /(?<![\w/-])[A-Z]{2,}(?:[-/][A-Z0-9]+)*[-/]\d[A-Z0-9]*(?:[-/][A-Z0-9]+)*(?![\w/-])/, (m) =>
    add(m.index, m.index + m[0].length, 'ID', 0.8, 'record code'),
  );
  const context =
    /(passport|여권|case|사건|file|record|registration|등록|alien|외국인등록|card|카드|증|증명서|certificate|number|No\.|no\.|번호|prisoner|수인|수감번호|detainee|inmate|serial)\s*(?:number|No\.?|번호|#)?\s*(?:is|was|:|은|는|이|가)?\s*#?([A-Z0-9][A-Z0-9\-/]{2,24})/;
  eachMatch(text, context, (m) => {
    const value = (m[2] ?? '').replace(/[-/]+$/, '');
    if (!/\d/.test(value)) return;
    if (/^(?:19[5-9]\d|20[0-3]\d)$/.test(value)) return;
    if (/^(?:1[3-9]\d{9}|0\d{8,11})$/.test(value.replace(/-/g, ''))) return;
    const start = groupStart(m, 2);
    add(start, start + value.length, 'ID', 0.75, `number after "${m[1]}"`);
  });
}

// ---------------------------------------------------------------------------------------------
// DATE and AGE

const YEAR = '(?:19[5-9]\\d|20[0-3]\\d)';

function detectDates(text: string, add: Add): void {
  const ko = new RegExp(
    `(?<!\\d)${YEAR}년(?:\\s?(?:\\d{1,2}월(?:\\s?\\d{1,2}일)?|(?:봄|여름|가을|겨울|설날|추석|초순|중순|하순|초반|중반|후반|말경|(?:초|말)(?=에|부터|까지|경|쯤|[^${H}]|$))))?`,
  );
  eachMatch(text, ko, (m) => add(m.index, m.index + m[0].length, 'DATE', 0.95, 'Korean year'));
  eachMatch(text, new RegExp(`(?<![\\d.])${YEAR}[./-]\\d{1,2}[./-]\\d{1,2}(?![\\d])`), (m) =>
    add(m.index, m.index + m[0].length, 'DATE', 0.95, 'numeric date'),
  );
  eachMatch(text, new RegExp(`(?<![\\d.])${YEAR}[./]\\d{1,2}(?![\\d./])`), (m) =>
    add(m.index, m.index + m[0].length, 'DATE', 0.8, 'numeric year.month'),
  );
  const en = new RegExp(
    `(?:\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?\\b(?:${MONTHS})\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?,?)?(?:\\s+(?:of\\s+)?${YEAR})\\b`,
  );
  eachMatch(text, en, (m) => add(m.index, m.index + m[0].length, 'DATE', 0.95, 'English date'));
  eachMatch(
    text,
    new RegExp(`\\b(?:(?:early|late|mid)[-\\s])?(?:spring|summer|autumn|fall|winter|New Year)(?:\\s+of)?\\s+${YEAR}\\b`, 'i'),
    (m) => add(m.index, m.index + m[0].length, 'DATE', 0.95, 'season and year'),
  );
  // Bare years: in English text any year-like number not used as a count or amount.
  eachMatch(text, new RegExp(`(?<![\\d.,:/+-])${YEAR}(?![\\d.,:/-]?\\d)(?!\\s?(?:년|명|원|위안|달러|people|won|yuan|dollars|km|m\\b|meters|metres|호|번|군))`), (m) => {
    const next = text[m.index + 4];
    if (next === '년') return;
    if (isHangul(text[m.index - 1])) return;
    add(m.index, m.index + 4, 'DATE', 0.7, 'bare year');
  });
  eachMatch(text, /(?<![\d.])[5-9]\d년도/, (m) => add(m.index, m.index + m[0].length, 'DATE', 0.85, 'short year 년도'));
  // "the '90s"-style decades are not calendar references of a person; not marked.
}

function detectAges(text: string, add: Add): void {
  const tens = '(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)';
  const units = '(?:하나|한|둘|두|셋|세|석|넷|네|다섯|여섯|일곱|여덟|아홉)';
  eachMatch(text, new RegExp(`(?<![${H}])(?:${tens}${units}?|${units})\\s?살`), (m) =>
    add(m.index, m.index + m[0].length, 'AGE', 0.95, 'Korean native age'),
  );
  eachMatch(text, new RegExp(`(?<![\\d])\\d{1,3}\\s?(?:살|세${AFTER_NAME})`), (m) =>
    add(m.index, m.index + m[0].length, 'AGE', 0.9, 'numeric age'),
  );
  // 나이 마흔에, 마흔이 넘어: a bare tens word (not 열, which is also "open").
  eachMatch(text, new RegExp(`(?<![${H}])(?:스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)${units}?(?=(?:에|이|을|줄|도|이었|이던|\\s?넘|\\s?살|\\s?중반|\\s?초반|\\s?후반))`), (m) =>
    add(m.index, m.index + m[0].length, 'AGE', 0.8, 'Korean age word'),
  );
  eachMatch(text, new RegExp(`\\baged?\\s+${EN_AGE_NUMBER}\\b`, 'i'), (m) => add(m.index, m.index + m[0].length, 'AGE', 0.95, 'aged N'));
  eachMatch(text, new RegExp(`\\b${EN_AGE_NUMBER}[-\\s]years?[-\\s]old\\b`, 'i'), (m) =>
    add(m.index, m.index + m[0].length, 'AGE', 0.95, 'N years old'),
  );
  eachMatch(
    text,
    new RegExp(`\\b(at|was|were|am|is|turned|turning|of|age|only|just|then)\\s+(?:the\\s+age\\s+of\\s+)?(${EN_AGE_NUMBER})\\b(?!\\s*(?:years?\\b(?![-\\s]old)|months?|days?|weeks?|people|of|%|percent|km|kilo|hours?|minutes?|times|[:.]\\d|am\\b|pm\\b|o'clock|won|yuan|dollars))`, 'i'),
    (m) => {
      const value = m[2] ?? '';
      const start = groupStart(m, 2);
      if (/^\d+$/.test(value) && (Number(value) < 5 || Number(value) > 99)) return;
      const ctx = (m[1] ?? '').toLowerCase();
      // "at 17" / "was 17" are ages; "of 3" only after "age of".
      if (ctx === 'of' && !/age\s+of\s+$/i.test(text.slice(Math.max(0, m.index - 8), start))) return;
      add(start, start + value.length, 'AGE', ctx === 'at' || ctx === 'was' || ctx === 'turned' ? 0.75 : 0.6, `age after "${m[1]}"`);
    },
  );
}

// ---------------------------------------------------------------------------------------------
// PLACE and FACILITY

const KO_PLACE_SUFFIXES = ['특별시', '직할시', '노동자구', '구역', '시장', '시', '군', '도', '구', '리', '동', '읍', '면', '역', '성', '진', '촌', '현', '주'];
/** Bare place stems that are also common words; matched only with a suffix (회령시, 위원군). */
const AMBIGUOUS_STEMS = new Set([
  '중', '항구', '대안', '온천', '화성', '영광', '고원', '수동', '해안', '시중', '위원', '구성', '동창', '운전', '평원', '증산', '중화',
  '과일', '신원', '삼천', '선교', '신도', '연안', '회상', '자성', '화평', '세포', '구장', '대성', '천마', '신계', '성간', '신양', '우시',
  '사동', '송림', '대동', '금강', '고성', '상원', '신흥', '은정', '서성', '장강', '동신', '수안', '중강', '연산', '신평', '토산', '은파',
  '태탄', '정주', '전천', '초산', '신천', '동림', '대관', '운산', '판교', '고산', '이천', '부전', '창도', '천내', '회양', '안주', '평산',
  '통천', '금천', '청단', '강령', '옹진', '배천', '봉천', '연탄', '장연', '삼석', '대흥', '룡성', '력포', '강동', '강남', '강서', '사포',
  '해주', '덕성', '정평', '신포', '흥덕', '순안', '화대', '명천', '경성', '부윤', '신암', '신원', '송원', '우시', '구장', '시중', '성천',
  '숙천', '은산', '양덕', '청남', '승호', '장풍', '황주', '곡산', '봉산', '린산', '서흥', '안악', '재령', '벽성', '룡연', '송화', '은천',
  '연안', '원산', '문천', '안변', '철원', '김화', '법동', '평강', '라진', '선봉', '경원', '경흥', '길주', '어랑', '연사', '청암', '라남',
  '포항', '송평', '백암', '풍서', '삼수', '운흥', '단천', '금야', '락원', '리원', '북청', '요덕', '장진', '함주', '허천', '홍원', '회상',
  '해안', '흥남', '강계', '만포', '희천', '자성', '화평', '고풍', '랑림', '룡림', '위원', '동창', '대관', '운전', '염주', '평성', '개천',
  '순천', '덕천', '회창', '맹산', '문덕', '녕원', '북창', '대흥', '증산', '개성', '중화', '상원', '신계', '수안', '연산', '배천', '과일',
]);
/** Stems that are dangerous only as common words (the rest of AMBIGUOUS_STEMS are real place names that we still want). */
const COMMON_WORD_STEMS = new Set([
  '중', '항구', '대안', '온천', '화성', '영광', '고원', '수동', '해안', '시중', '위원', '구성', '동창', '운전', '평원', '증산', '중화',
  '과일', '신원', '삼천', '선교', '신도', '연안', '회상', '자성', '화평', '세포', '구장', '대성', '천마', '신계', '성간', '신양', '우시',
  '사동', '대동', '금강', '상원', '신흥', '은정', '동신', '연산', '신평', '초산', '신천', '대관', '판교', '고산', '이천', '부전', '창도',
  '천내', '안주', '통천', '금천', '청단', '강령', '봉천', '연탄', '대흥', '강동', '강남', '강서', '사포', '덕성', '정평', '흥덕', '송원',
  '은산', '승호', '장풍', '서흥', '벽성', '송화', '은천', '법동', '평강', '선봉', '연사', '백암', '풍서', '운흥', '금야', '락원', '리원',
  '통화', '위해', '집안', '연대', '대련', '함주', '회창', '북창', '순천', '해주', '원산', '성천', '삼수', '수남', '항구', '중앙', '평천', '동림', '고풍', '전천', '태천', '염주',
]);
void AMBIGUOUS_STEMS;

interface NameEntry {
  /** Matching key (Hangul normalised for North/South spelling, Latin lower-cased). */
  key: string;
  type: 'PLACE' | 'FACILITY';
  /** Hangul stem whose bare form is ambiguous: needs a suffix. */
  needsSuffix: boolean;
}

let hangulPlaceStems: Map<string, NameEntry> | undefined;
let latinNames: Array<{ name: string; type: 'PLACE' | 'FACILITY' }> | undefined;
let hangulFacilityNames: string[] | undefined;

function stripKoSuffix(name: string): string {
  return name.replace(/(특별시|직할시|자치주|조선족자치주|구역|시|군|도|구|성|현|주)$/, '');
}

function buildGazetteer(): void {
  if (hangulPlaceStems) return;
  hangulPlaceStems = new Map();
  const latin = new Map<string, 'PLACE' | 'FACILITY'>();
  for (const place of [...nkPlaces, ...borderPlaces]) {
    for (const name of placeNames(place)) {
      if (/[가-힣]/.test(name)) {
        const full = normaliseKoreanInitialSound(name.replace(/\s+/g, ''));
        const stem = stripKoSuffix(full);
        for (const key of [full, stem]) {
          if (key.length < 2) continue;
          const needsSuffix = key === stem && (COMMON_WORD_STEMS.has(name.replace(/(특별시|직할시|구역|시|군|도|구)$/, '')) || COMMON_WORD_STEMS.has(stem));
          const existing = hangulPlaceStems.get(key);
          if (!existing || (existing.needsSuffix && !needsSuffix)) hangulPlaceStems.set(key, { key, type: 'PLACE', needsSuffix });
        }
      } else if (/^[A-Za-z][A-Za-z' ’ŏŭŎŬ-]+$/.test(name) && name.length >= 3) {
        latin.set(name, 'PLACE');
      }
    }
  }
  hangulFacilityNames = [];
  for (const facility of facilities) {
    for (const name of facilityNames(facility)) {
      if (/[가-힣]/.test(name)) hangulFacilityNames.push(name);
      else if (name.length >= 4) latin.set(name, 'FACILITY');
    }
  }
  hangulFacilityNames.sort((a, b) => b.length - a.length);
  // Latin names that are ordinary English words.
  for (const word of ['Sea', 'Camp', 'Onchon', 'Taean', 'Paradise', 'China', 'Korea', 'Nampo', 'Anju']) if (word === 'Sea' || word === 'Camp') latin.delete(word);
  latinNames = [...latin.entries()].map(([name, type]) => ({ name, type })).sort((a, b) => b.name.length - a.name.length);
}

function detectPlaces(text: string, add: Add): void {
  buildGazetteer();
  const stems = hangulPlaceStems!;
  const norm = normaliseKoreanInitialSound(text);
  const placeEnds: number[] = [];
  // Hangul runs: try every word start for the longest gazetteer key.
  for (let i = 0; i < norm.length; i++) {
    if (!isHangul(norm[i]) || isHangul(norm[i - 1])) continue;
    let runEnd = i;
    while (isHangul(norm[runEnd])) runEnd++;
    for (let len = Math.min(8, runEnd - i); len >= 2; len--) {
      const key = norm.slice(i, i + len);
      const entry = stems.get(key);
      if (!entry) continue;
      let end = i + len;
      const rest = norm.slice(end, runEnd);
      const suffix = KO_PLACE_SUFFIXES.find((s) => rest.startsWith(s) && !(s === '도' && rest.length === 1 && !/[도]$/.test(key)));
      let usedSuffix = false;
      if (suffix && !(suffix === '도' && rest === '도')) {
        end += suffix.length;
        usedSuffix = true;
      }
      if (entry.needsSuffix && !usedSuffix && !/(시|군|도|구역|성)$/.test(key)) break;
      // A stem glued to more Hangul that is not a particle is probably another word (e.g. 청진기?).
      add(i, end, 'PLACE', usedSuffix ? 0.95 : 0.85, `gazetteer "${text.slice(i, end)}"`);
      placeEnds.push(end);
      break;
    }
  }
  // Sub-divisions written after a known place: 온성군 풍인리, 혜산시 혜장동.
  for (const end of placeEnds) {
    let at = end;
    for (let hop = 0; hop < 3; hop++) {
      const m = new RegExp(`^\\s([${H}]{1,5}?(?:노동자구|구역|리|동|읍|면|구|촌|진|마을|거리))${AFTER_NAME}`).exec(text.slice(at));
      if (!m || !m[1]) break;
      const word = m[1];
      if (/^(?:활동|행동|이동|운동|노동|폭동|소동|감동|구역|지구|입구|출구|가구|친구|도구|연구|요구|마을|거리|농촌|어촌|진)$/.test(word)) break;
      add(at + 1, at + 1 + word.length, 'PLACE', 0.8, 'subdivision after a known place');
      at += 1 + word.length;
    }
  }
  // Stations, markets and villages by their suffix: 수남시장, 고무산역, 신흥촌, 구읍리, 남문동.
  eachMatch(text, new RegExp(`(?<![${H}])([${H}]{1,4}?)(역|시장|노동자구|리|동|촌)${AFTER_NAME}`), (m) => {
    const stem = m[1] ?? '';
    const suffix = m[2] ?? '';
    const word = stem + suffix;
    if (stem.length < 2 && suffix !== '역') return;
    if (stem.length < 1) return;
    if (KOREAN_STOPWORDS.has(stem) || KOREAN_STOPWORDS.has(word)) return;
    if (/^(?:장마당|농민|암|도매|재래|전통|우리|그|이|저|어느|무슨|옆|시골|고향|기차|버스|지하철|전철|간이|종착|큰|작은|인근|다른|같은|한|지|무|영|구|반|번|통|수|경|대|전|해|방|외|교|학|성|주|폭|서|남|북|중|공|노|부|병|사|로|자|행|활|이|운|감|소|폭|충|출|입|연|협|공|변|공동|자|아|나|모|마|조선|중국|한국|사람|청년|여성|남성|아이|어른|노인)$/.test(stem)) return;
    if (/(?:다리|머리|소리|자리|거리|우리|마리|무리|요리|관리|정리|처리|수리|논리|진리|원리|권리|유리|승리|의리|도리|꼬리|허리|고리|부리|파리|보리|미리|멀리|빨리|달리|널리|오리|이리|저리|그리|어리|가리|버리|울리|올리|걸리|불리|열리|살리|돌리|몰리|밀리|풀리|들리|알리|팔리|갈리|실리|물리|라리|차라리|구리|항아리|개구리|활동|행동|이동|운동|노동|폭동|소동|감동|충동|출동|자동|협동|변동|공동|아동|연동|선동|작동|발동|진동|가동|난동|부동|무역|지역|영역|구역|번역|통역|전역|해역|방역|병역|노역|부역|사역|교역|주역|시장|기진|전진|후진|행진|출진|시진)$/.test(word)) return;
    if (suffix === '진' && stem.length < 2) return;
    add(m.index, m.index + word.length, 'PLACE', suffix === '리' || suffix === '동' ? 0.5 : 0.6, `place suffix "${suffix}"`);
  });
  // South Korean and other cities the gazetteer does not hold.
  for (const name of placesExtra.hangul) {
    eachMatch(text, new RegExp(`(?<![${H}])${name}${AFTER_NAME}`), (m) => add(m.index, m.index + name.length, 'PLACE', 0.85, `city list "${name}"`));
  }
  for (const name of placesExtra.latin) {
    eachMatch(text, new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?:-(?:si|gu|dong|do))?(?![\\p{L}\\p{N}])(?!\\s(?:River|river))`, 'gu'), (m) =>
      add(m.index, m.index + m[0].length, 'PLACE', 0.85, `city list "${name}"`),
    );
  }
  // Latin names with word boundaries, case-insensitive; optional -si/-gun/-do etc.
  for (const { name, type } of latinNames!) {
    if (type !== 'PLACE') continue;
    const re = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRe(name).replace(/[-\s]/g, '[-\\s]?')}(?:-(?:si|gun|guyok|kuyok|do|ri|dong|up|eup|gu|ku|myon|myeon|rodongjagu))?(?![\\p{L}\\p{N}])`,
      'giu',
    );
    eachMatch(text, re, (m) => {
      // Lower-case in running English is usually a word ("sea", "anju"); require a capital.
      if (!/^[A-ZŎŬ]/.test(m[0])) return;
      if (/^\s(?:River|river)/.test(text.slice(m.index + m[0].length))) return;
      add(m.index, m.index + m[0].length, 'PLACE', 0.9, `gazetteer "${m[0]}"`);
    });
  }
  // English small places: "Namyang-ri", "X village", "X Station", "X Market".
  eachMatch(text, /\b[A-Z][a-z'’]+(?:-[a-z]+)?(?:-(?:ri|dong|up|eup|gu|myon|rodongjagu)\b|\s(?:[Vv]illage|Station|Market|Street|Road|District|County|Township|Town|City|Province|Prefecture|Bridge|Port|Harbou?r))\b/, (m) => {
    if (/^(?:The|A|An|This|That|Our|My|His|Her|Their|Every|Each|Police|Train|Bus|Railway|Border|Central|Main|New|Old|Local|Black|Free|One|Next|Last|Same|Other|Which|What|Whole|Farmers|Jangmadang|Chinese|Korean|North|South|Home|Small|Big|Little|In|At|From|To|Of|On|By|Near)\s/.test(m[0])) return;
    add(m.index, m.index + m[0].length, 'PLACE', 0.7, 'English place pattern');
  });
}

const KO_FACILITY_HEADS = [
  '변방구류소', '구류소', '구류장', '집결소', '교화소', '관리소', '노동단련대', '단련대', '정치범수용소', '수용소', '감옥', '교도소',
  '구치소', '하나센터', '센터', '보위부', '보위국', '보안서', '보안부', '안전부', '안전서', '안전국', '공안국', '공안局', '파출소', '이민국', '연합기업소', '기업소',
  '광산', '탄광', '광업소', '공장', '농장', '협동농장', '병원', '요양병원', '인민병원', '학교', '소학교', '중학교', '고급중학교',
  '초급중학교', '인민학교', '대학', '대학교', '교회', '성당', '발전소', '군부대', '여단', '사단', '군단', '연대', '대대', '제련소',
  '제강소', '수산사업소', '사업소', '작업소', '직장', '유치원', '탁아소', '호텔', '식당',
];
const KO_INSTITUTION_WORDS = new Set([
  '보위부', '보위국', '보안서', '보안부', '안전부', '안전서', '안전국', '공안국', '공안', '이민국', '변방', '변방대', '국경경비', '국경경비대',
  '인민위원회', '국가보위성', '사회안전성', '시', '군', '도', '노동', '로동', '정치범', '중앙',
]);

function detectFacilities(text: string, add: Add): void {
  buildGazetteer();
  for (const name of hangulFacilityNames!) findKnownTerm(text, name, 'FACILITY', add, `facility list "${name}"`, 0.95);
  for (const { name, type } of latinNames!) {
    if (type !== 'FACILITY') continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(name)}(?![\\p{L}\\p{N}])`, 'giu');
    eachMatch(text, re, (m) => add(m.index, m.index + m[0].length, 'FACILITY', 0.95, `facility list "${name}"`));
  }
  eachMatch(text, /제\s?\d{1,5}\s?(?:군부대|부대|군단|사단|여단|호)/, (m) => add(m.index, m.index + m[0].length, 'FACILITY', 0.95, 'numbered unit'));
  eachMatch(text, new RegExp(`(?<![${H}])(?:([${H}]{1,6})\\s)?\\d{1,3}호\\s?(?:관리소|정치범수용소|수용소|교화소|교양소)`), (m) => {
    const place = m[1];
    const skip = place && !isGazetteerPlaceWord(place) ? place.length + 1 : 0;
    add(m.index + skip, m.index + m[0].length, 'FACILITY', 0.95, 'numbered camp');
  });
  eachMatch(text, new RegExp(`(?<![${H}\\d])(?:[${H}]{1,8}\\s?)?\\d{1,5}\\s?(?:여단|사단|군단|연대|대대|군부대|부대)`), (m) =>
    add(m.index, m.index + m[0].length, 'FACILITY', 0.85, 'numbered unit'),
  );
  // Korean facility heads, with a name glued to the head or qualifying words before it.
  const buildingHeads = KO_FACILITY_HEADS.map(escapeRe).sort((a, b) => b.length - a.length).join('|');
  eachMatch(text, new RegExp(`(?<![${H}])([${H}]*?)(${buildingHeads})${AFTER_NAME}`), (m) => {
    const prefix = m[1] ?? '';
    const head = m[2] ?? '';
    let start = m.index;
    const end = m.index + m[0].length;
    let qualified = prefix.length > 0 && !/^(?:우리|그|이|저|그런|이런|어느|다른|같은|큰|작은|여러|옛|새|지방|군수|인근|시|군|도|중앙|국영|개인|지역)$/.test(prefix);
    // Walk back over up to two qualifying words: a known place, an institution, "15호".
    let cursor = start;
    let lastWord = '';
    for (let hop = 0; hop < 2; hop++) {
      const before = text.slice(Math.max(0, cursor - 16), cursor);
      const w = new RegExp(`(?:^|[^${H}\\d])([${H}\\d]+)\\s$`).exec(before);
      if (!w || !w[1]) break;
      const word = w[1];
      const isPlace = isGazetteerPlaceWord(word);
      const isInstitution = KO_INSTITUTION_WORDS.has(word) || /^제?\d+(?:호|군단|사단|여단|군부대|부대)$/.test(word) || /(?:보위부|보안서|안전부|공안국|이민국|변방대)$/.test(word);
      const foreignName = hop > 0 && /^(?:이민국|공안국|변방|공안)$/.test(lastWord) && !KOREAN_STOPWORDS.has(word) && word.length >= 2;
      if (!isPlace && !isInstitution && !foreignName) break;
      lastWord = word;
      cursor -= word.length + 1;
      start = cursor;
      if (isPlace || foreignName || /^제?\d/.test(word) || /(?:이민국|공안국)$/.test(word)) qualified = true;
    }
    if (!qualified) return;
    if (prefix && KOREAN_STOPWORDS.has(prefix) && start === m.index) return;
    add(start, end, 'FACILITY', 0.8, `facility "${head}"`);
  });
  // English: "<Name> Kyohwaso No. 12", "Camp 16", "Kwalliso No. 18", "<Place> Detention Center", "9th Corps".
  eachMatch(text, /\b(?:Kwalliso|Kyohwaso|Camp|Prison|Jipkyulso|Kuryujang)\s+(?:No\.?\s*)?\d{1,4}\b/, (m) =>
    add(m.index, m.index + m[0].length, 'FACILITY', 0.95, 'numbered camp'),
  );
  eachMatch(text, /\b\d{1,4}(?:st|nd|rd|th)?\s+(?:Corps|Brigade|Division|Regiment|Battalion)\b/, (m) =>
    add(m.index, m.index + m[0].length, 'FACILITY', 0.85, 'numbered unit'),
  );
  eachMatch(text, /\b(?:Unit|Military Unit)\s+\d{2,5}\b/, (m) => add(m.index, m.index + m[0].length, 'FACILITY', 0.9, 'numbered unit'));
  const enHeads =
    'Kwalliso|Kyohwaso|Jipkyulso|Kuryujang|Bowibu|Anjonbu|Boanseo|Police Station|Hana Cent(?:er|re)|Rodong Danryondae|Detention (?:Center|Centre|Facility)|Immigration Detention (?:Center|Centre)|Holding (?:Center|Centre)|Labou?r Training Camp|Labou?r Camp|Prison Camp|Prison|Camp|Church|Cathedral|Power (?:Station|Plant)|Hospital|Clinic|School|Middle School|High School|University|College|Academy|Mine|Colliery|Farm|Cooperative Farm|Factory|Complex|Works|Steel Works|Mill|Station|Police Station|Security (?:Office|Department|Bureau)|Bureau|Office|Orphanage|Centre|Center|Shelter|Restaurant|Hotel|Market';
  const enFacility = new RegExp(
    `\\b((?:[A-Z][A-Za-z'’ŏŭ-]+\\s){1,4})(${enHeads})\\b(?:\\s+(?:No\\.?\\s*)?\\d{1,4}\\b)?`,
  );
  eachMatch(text, enFacility, (m) => {
    let words = (m[1] ?? '').trim().split(/\s+/);
    while (words.length > 0 && /^(?:The|A|An|In|At|To|From|Of|This|That|My|Our|His|Her|Their|When|After|Before|Then|We|I|They|He|She|It|North|South|Korean|Chinese|Local|Provincial|County|City|State|Ministry|National|And|But|So|On|By|With|For|Into)$/.test(words[0] ?? '')) words = words.slice(1);
    const head = m[2] ?? '';
    if (words.length === 0) return;
    // A bare "X Station"/"X Market" is a place, handled by the place rules; keep facilities with institutional heads.
    if (/^(?:Station|Market|Centre|Center|Office|Bureau|Complex|Works|Restaurant|Hotel)$/.test(head) && !words.some((w) => isGazetteerLatin(w) || /^(?:Detention|Immigration|Hana|Holding|Training|Rehabilitation|Security|Police|Reception|Settlement|Vinalon|Steel|Chemical)$/.test(w))) return;
    const prefix = words.join(' ');
    const start = m.index + m[0].indexOf(prefix, (m[0].length - m[0].trimStart().length));
    add(start, m.index + m[0].length, 'FACILITY', 0.8, `facility "${head}"`);
  });
  eachMatch(text, /\b[A-Z][a-z'’ŏŭ-]+\s(?:kwalliso|kyohwaso|jipkyulso|kuryujang)\b/, (m) =>
    add(m.index, m.index + m[0].length, 'FACILITY', 0.9, 'romanised facility'),
  );
}

function isGazetteerPlaceWord(word: string): boolean {
  buildGazetteer();
  const norm = normaliseKoreanInitialSound(word);
  if (hangulPlaceStems!.has(norm)) return true;
  const stem = stripKoSuffix(norm);
  return stem.length >= 2 && hangulPlaceStems!.has(stem);
}

let latinPlaceSet: Set<string> | undefined;
function isGazetteerLatin(word: string): boolean {
  buildGazetteer();
  latinPlaceSet ??= new Set(latinNames!.map((n) => n.name.toLowerCase()));
  return latinPlaceSet.has(word.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// PERSON

function startsWithAny(s: string, list: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const item of list) if (s.startsWith(item) && (!best || item.length > best.length)) best = item;
  return best;
}

/** Tokens of Hangul with positions. */
function hangulWords(text: string): Array<{ word: string; start: number }> {
  const out: Array<{ word: string; start: number }> = [];
  eachMatch(text, new RegExp(`[${H}]+`), (m) => out.push({ word: m[0], start: m.index }));
  return out;
}

function detectKoreanPersons(text: string, add: Add): void {
  const words = hangulWords(text);
  for (let wi = 0; wi < words.length; wi++) {
    const { word, start } = words[wi]!;
    const prev = wi > 0 && words[wi - 1]!.start + words[wi - 1]!.word.length >= start - 2 ? words[wi - 1]!.word : '';
    const prev2 = wi > 1 ? words[wi - 2]!.word : '';
    const next = wi + 1 < words.length && words[wi + 1]!.start <= start + word.length + 2 ? words[wi + 1]!.word : '';
    const contextBefore = KINSHIP.find((k) => prev === k || prev.endsWith(k) || prev.startsWith(k) && prev.length - k.length <= 2)
      ?? (KINSHIP.includes(prev2) ? prev2 : undefined);

    // Surname + title: "최 과장", "방씨 할머니", "진 사장님".
    const first = word[0]!;
    if (SURNAMES.has(first)) {
      if (word.length === 1 && next && startsWithAny(next, KOREAN_TITLES) && !/^(?:한|이|그|저|전|도|안|제|고|오|하|지|나|마|모|어|소|우)$/.test(first)) {
        add(start, start + 1, 'PERSON', 0.75, `surname before title "${next}"`);
      } else if (word.length === 1 && next && /^(?:과장|사장|반장|부장|지도원|보위원|안전원|선생|할머니|할아버지|아주머니|아저씨|목사|소장|대장|중대장|소대장|군관|예심원|계호원|원장|국장|형|언니|누나|오빠|씨)/.test(next)) {
        add(start, start + 1, 'PERSON', 0.65, `surname before title "${next}"`);
      }
      if (word.length >= 2 && (word[1] === '씨' || word.slice(1, 3) === '가네') && !/^씨(?:앗|름|족|알)/.test(word.slice(1))) {
        if (!/^(?:이씨|그씨)$/.test(word.slice(0, 2))) add(start, start + 1, 'PERSON', 0.8, 'surname + 씨');
      }
    }

    // Full name: surname (or compound surname) + 1–2 given syllables, then a particle, honorific or boundary.
    const compound = COMPOUND_SURNAMES.find((c) => word.startsWith(c));
    const surnameLen = compound ? compound.length : SURNAMES.has(first) ? 1 : 0;
    if (surnameLen > 0) {
      for (const givenLen of [2, 1]) {
        const nameLen = surnameLen + givenLen;
        if (word.length < nameLen) continue;
        const name = word.slice(0, nameLen);
        const rest = word.slice(nameLen);
        if (KOREAN_STOPWORDS.has(name) || KOREAN_STOPWORDS.has(word)) break;
        const honorific = startsWithAny(rest, HONORIFICS) ?? (HONORIFICS.includes(next) || /^(?:씨|님|동무|동지|선생)/.test(next) ? next : undefined);
        const particle = rest === '' ? '' : startsWithAny(rest, PARTICLES);
        if (rest !== '' && particle === undefined && honorific === undefined) continue;
        if (particle !== undefined && particle !== '' && rest.length > particle.length + 3) continue;
        const given = name.slice(surnameLen);
        const givenLooksLikeName = [...given].every((s) => GIVEN_SYLLABLES.has(s));
        const givenStrict = [...given].every((s) => STRICT_GIVEN_SYLLABLES.has(s)) && !PARTICLE_SYLLABLES.has(given[given.length - 1]!);
        const givenSome = [...given].some((s) => GIVEN_SYLLABLES.has(s));
        const strongSuffix = /^(?:이라는|라는|이고|입니다|이었|이에요|예요|이라고|라고|이랑|한테|에게)/.test(rest);
        const titleAfter = next && startsWithAny(next, KOREAN_TITLES) !== undefined && !/^(?:집|네)/.test(next);
        const nameAfterKin = contextBefore !== undefined;
        let score = 0;
        let reason = '';
        if (honorific) { score = 0.9; reason = `name + "${honorific}"`; }
        else if (nameAfterKin && givenLen === 2 && givenSome && (rest !== '' ? true : givenStrict)) { score = 0.85; reason = `name after "${contextBefore}"`; }
        else if (givenLen === 2 && givenLooksLikeName && strongSuffix) { score = 0.8; reason = `name + "${particle}"`; }
        else if (givenLen === 2 && givenLooksLikeName && titleAfter) { score = 0.8; reason = `name before "${next}"`; }
        else if (givenLen === 2 && givenStrict && surnameLen === 1 && (rest === '' || particle !== undefined)) { score = 0.55; reason = 'surname + given-name syllables'; }
        else if (givenLen === 2 && compound && givenLooksLikeName) { score = 0.7; reason = 'compound surname + given name'; }
        if (score > 0) {
          add(start, start + nameLen, 'PERSON', score, reason);
          break;
        }
      }
    }

    // Given name alone with the familiar -이 suffix: "윤철이는", "미란이가" (a name ending in a consonant).
    const dim = /^([가-힣]{2})이(?:는|가|를|도|와|의|랑|한테|에게|하고|라는|였|었|네|야|만|까지|가|)$/.exec(word);
    if (dim && dim[1]) {
      const given = dim[1];
      const lastCode = given.charCodeAt(1) - 0xac00;
      const hasFinal = lastCode % 28 !== 0;
      if (hasFinal && [...given].every((s) => GIVEN_SYLLABLES.has(s)) && !KOREAN_STOPWORDS.has(given) && !/^(?:사람|아들|동생|형님|남편|선생|이웃|친구|조선|한국|중국|공안|경찰|군인|어른|가족|사장|반장|장군|고향|마을|동네|감독|학생|주민|정부|인민|간부|당원|청년)$/.test(given)) {
        add(start, start + 2, 'PERSON', nameAfterContext(prev) ? 0.8 : 0.6, 'given name + familiar 이');
      }
    }
    // Given name after kinship: "동생 옥희는", "딸 은실이".
    if (contextBefore && word.length >= 2 && !SURNAMES.has(first) && !/^(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔|한|두|세|네|다섯|여섯|일곱|여덟|아홉)/.test(word) && !/^살/.test(next)) {
      const given = word.slice(0, 2);
      const rest = word.slice(2);
      if ([...given].every((s) => GIVEN_SYLLABLES.has(s)) && !KOREAN_STOPWORDS.has(given) && (rest === '' || startsWithAny(rest, PARTICLES) !== undefined) && /^(?:동생|남동생|여동생|딸|아들|오빠|언니|형|누나|남편|아내|친구|조카|손자|손녀|사촌|큰딸|작은딸|큰아들|작은아들)$/.test(contextBefore)) {
        add(start, start + 2, 'PERSON', 0.7, `given name after "${contextBefore}"`);
      }
    }
  }
}

function nameAfterContext(prev: string): boolean {
  return KINSHIP.some((k) => prev.startsWith(k));
}

function detectRomanPersons(text: string, add: Add): void {
  const surnameAlt = [...ROMAN_SURNAMES].sort((a, b) => b.length - a.length).join('|');
  const given = "[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?";
  const stopFull = /^(?:Kim Jong[- ]?(?:Un|Il|Nam)|Kim Il[- ]?S[ou]ng|Kim Yo[- ]?Jong|Kim Jong[- ]?Suk|Kim Hyong[- ]?Jik|Jang Song[- ]?Thaek|Moon Jae[- ]?In|Park Geun[- ]?Hye|Lee Myung[- ]?Bak|Yoon Suk[- ]?Yeol|Kim Dae[- ]?Jung|Roh Moo[- ]?Hyun|Syngman Rhee)/i;
  // Surname first: "Kim Young-chul", "Pak Sun-hui", "Ri Chol Ho".
  eachMatch(text, new RegExp(`\\b(${surnameAlt})\\s(${given})(?:\\s([A-Z][a-z]+))?\\b`), (m) => {
    const g = m[2] ?? '';
    const full = m[0];
    if (stopFull.test(full)) return;
    const hyphenated = /[-'’]/.test(g);
    if (!hyphenated && !m[3]) {
      // "Kim Chol" is plausible, "Han River" / "Song Said" is not: require a Korean-looking given name.
      if (!/^(?:[A-Z](?:[aeiouy]|wa|wo|ye|yo|yu|ya|eo|eu|ae|oe|ui)[a-z]*)$/.test(g) || COMMON_EN.has(g.toLowerCase()) || isGazetteerLatin(g)) return;
    }
    let end = m.index + full.length;
    if (m[3] && (COMMON_EN.has(m[3].toLowerCase()) || hyphenated)) end = m.index + (m[1] ?? '').length + 1 + g.length;
    if (/-(?:si|gun|do|ri|dong|guyok|up)$/i.test(g)) return;
    add(m.index, end, 'PERSON', hyphenated ? 0.9 : 0.7, 'romanised surname + given name');
  });
  // Chinese names in pinyin: "Gao Yuming", "Piao Chengzhe" (given name: one pinyin word, not English).
  const chineseAlt = [...surnameData.chineseRoman].sort((a, b) => b.length - a.length).join('|');
  eachMatch(text, new RegExp(`\\b(${chineseAlt})\\s([A-Z][a-z]{1,9})\\b`), (m) => {
    const g = m[2] ?? '';
    if (COMMON_EN.has(g.toLowerCase()) || isGazetteerLatin(g) || isGazetteerLatin(m[0])) return;
    if (!/^(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|o|e|i|u|ai|ei|ao|ou|an|en|ang|eng|ong|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|er)){1,2}$/.test(g.toLowerCase())) return;
    add(m.index, m.index + m[0].length, 'PERSON', 0.75, 'pinyin name');
  });
  // Given name first: "Yong-chol Kim".
  eachMatch(text, new RegExp(`\\b([A-Z][a-z]+-[a-z]+)\\s(${surnameAlt})\\b`), (m) => {
    if (/-(?:si|gun|do|ri|dong|guyok|up)$/i.test(m[1] ?? '')) return;
    add(m.index, m.index + m[0].length, 'PERSON', 0.9, 'romanised given name + surname');
  });
  // Titles: "Mr. Kim", "Mrs Pak", "Pastor Lee", "Grandma Choi" — surface without the title.
  eachMatch(text, /\b(?:Mr|Mrs|Ms|Miss|Dr|Pastor|Reverend|Rev|Teacher|Officer|Captain|Lieutenant|Major|Colonel|Sergeant|Director|Manager|Chairman|Grandma|Grandpa|Granny|Grandmother|Grandfather|Auntie|Aunt|Uncle|Old|Lao|Xiao|Brother|Sister|Deacon|Elder|Comrade|Inspector|Agent|Boss)\.?\s+([A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?(?:\s[A-Z][a-z]+(?:-[a-z]+)?)?)/, (m) => {
    const name = m[1] ?? '';
    if (COMMON_EN.has(name.split(' ')[0]!.toLowerCase())) return;
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.85, 'name after title');
  });
  // Kinship and role context: "my brother Chol-su", "a broker named Zhang", "a woman called Sun-ok".
  eachMatch(text, /\b(?:named|called|nicknamed|known as|name was|name is|alias|aka)\s+["“‘']?([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})["”’']?/, (m) => {
    const name = m[1] ?? '';
    if (COMMON_EN.has(name.toLowerCase())) return;
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.85, 'name after "named/called"');
  });
  eachMatch(text, /\b(?:my|his|her|our|their|the|a)\s+(?:(?:older|younger|elder|little|big|late|first|second|eldest|youngest)\s+)?(?:father|mother|dad|mum|mom|brother|sister|husband|wife|son|daughter|uncle|aunt|cousin|friend|broker|neighbou?r|grandmother|grandfather|grandma|grandpa|niece|nephew|boyfriend|girlfriend|fiancée?|guide|interrogator|guard|officer|pastor|missionary|boss|employer|cellmate|classmate|teacher|agent|smuggler|helper|colleague|roommate|in-law|mother-in-law|father-in-law|sister-in-law|brother-in-law),?\s+["“]?([A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?(?:\s[A-Z][a-z]+(?:-[a-z]+)?)?)/, (m) => {
    const name = m[1] ?? '';
    const firstWord = name.split(' ')[0]!;
    if (COMMON_EN.has(firstWord.toLowerCase()) || isGazetteerLatin(firstWord)) return;
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.8, 'name after kinship word');
  });
  // A lone hyphenated Korean given name ("Sun-hui said") is strong evidence by itself.
  eachMatch(text, /\b([A-Z][a-z]{1,5}-[a-z]{1,5})\b(?!-)/, (m) => {
    const name = m[1] ?? '';
    if (/-(?:si|gun|do|ri|dong|guyok|kuyok|up|eup|gu|ku|myon|based|year|old|born|like|style|term|time|class|level|made|owned|run|led|speaking|type|in|up|off|out|up)$/i.test(name)) return;
    if (!/^[A-Z][a-z]*(?:[aeiouy][a-z]*)-(?:[a-z]*[aeiouy][a-z]*)$/.test(name)) return;
    if (COMMON_EN.has(name.split('-')[0]!.toLowerCase()) || isGazetteerLatin(name)) return;
    if (/^(?:Jong-un|Jong-il|Il-sung|Yo-jong|Jong-suk|Jong-nam|Song-thaek|Hyong-jik|Jae-in|Geun-hye|Myung-bak|Suk-yeol|Moo-hyun|Dae-jung|Sol-ju)$/i.test(name)) return;
    if (!/-(?:[bcdghjkmnpstwy]?[aeiouy]+[a-z]*)$/.test(name)) return;
    add(m.index, m.index + name.length, 'PERSON', 0.6, 'hyphenated Korean given name');
  });
}

/** English words that follow a surname-like word or a title without being a name. */
const COMMON_EN = new Set(
  ('the a an and or but of in on at to for from with by was were is are be been he she they we i you it his her my our their this that '
    + 'river said says told asked went came who which when where after before then there here also family '
    + 'mountain province city county station market border government party army police security state dynasty chinese korean north south '
    + 'new old big little one two three four five first second last next house home yes no kong hong china korea so do go to '
    + 'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday').split(' '),
);

function detectNicknames(text: string, add: Add): void {
  // "까마귀라는 형", "큰형이라는 브로커", "독사라고 불리던".
  const heads = NICKNAME_HEADS.map(escapeRe).sort((a, b) => b.length - a.length).join('|');
  eachMatch(text, new RegExp(`(?<![${H}])["“‘']?([${H}]{1,5}?)["”’']?(이라는|라는|이라고만?\\s?(?:불리|부르|불렸|불렀|부른|불린|했)|라고만?\\s?(?:불리|부르|불렸|불렀|부른|불린|했))\\s?(?:${heads})?`), (m) => {
    const name = m[1] ?? '';
    const after = text.slice(m.index + m[0].length - 0, m.index + m[0].length + 6);
    const hasHead = /(?:이라는|라는)\s?$/.test(m[0]) ? false : true;
    if (!hasHead && !/^(?:이|그|저)?\s?(?:[가-힣]{1,4}\s)?(?:사람|형|누나|언니|오빠|브로커|남자|여자|아이|애|아저씨|아주머니|할머니|할아버지|중국인|조선족|이름|별명|친구|동생)/.test(after)) {
      // Without a head, accept only quoted names.
      if (!/^["“‘']/.test(m[0])) return;
    }
    const quoted = /^["“‘']/.test(m[0]);
    if ((!quoted && KOREAN_STOPWORDS.has(name)) || /^(?:그|이|저|뭐|무엇|어디|누구|거|것|나|너|말|생각|소문|얘기|이야기|뜻|의미|사실|조건|명목|이유|죄|혐의|명령|교육|곳|데|정도|식|마을|동네|회사|단체|교회|기관|곳이)$/.test(name)) return;
    if (name.length < 1) return;
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.7, `nickname before "${m[2]}"`);
  });
  // Hangul name after an English "called": 'a man called 왕', 'called himself 준'.
  eachMatch(text, new RegExp(`\\b(?:we call|they call|called|named|nicknamed|known as|call(?:ed)? (?:him|her)(?:self)?)\\s+(?:(?:him|her)(?:self)?\\s+)?([${H}]{1,5})(?![${H}])`), (m) => {
    const name = m[1] ?? '';
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.8, 'Hangul name after "called"');
  });
  // Quoted nicknames in Korean after 별명/이름: 별명이 "곰"이었다.
  eachMatch(text, /(?:별명|이름|가명|닉네임)(?:은|는|이|을|를)?\s?["“‘']([^"”’']{1,12})["”’']/, (m) => {
    const name = m[1] ?? '';
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.8, 'quoted nickname');
  });
  // English: 'a broker called "Big Brother"', 'we called him "Crow"'.
  eachMatch(text, /\b(?:called|nicknamed|known as|name(?:d)?|nickname,?|alias|went by)\s+(?:him|her|them|himself|herself|themselves)?\s*["“‘']([^"”’']{1,30})["”’']/, (m) => {
    const name = m[1] ?? '';
    const start = groupStart(m, 1);
    add(start, start + name.length, 'PERSON', 0.85, 'quoted nickname');
  });
}

// ---------------------------------------------------------------------------------------------
// Known terms and propagation

function findKnownTerm(text: string, term: string, type: SpanType, add: Add, reason: string, score = 1): void {
  const trimmed = term.trim();
  if (!trimmed) return;
  const isKorean = /[가-힣]/.test(trimmed);
  const source = escapeRe(trimmed).replace(/\s+/g, '\\s*');
  const re = isKorean
    ? new RegExp(`(?<![${H}])${source}`, 'g')
    : new RegExp(`(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, 'giu');
  eachMatch(text, re, (m) => add(m.index, m.index + m[0].length, type, score, reason));
  // The given name of a three-syllable Korean name: 김영철 → 영철.
  if (type === 'PERSON' && /^[가-힣]{3}$/.test(trimmed) && SURNAMES.has(trimmed[0]!)) {
    const given = trimmed.slice(1);
    eachMatch(text, new RegExp(`(?<![${H}])${given}(?=$|[^${H}]|${PARTICLES.map(escapeRe).join('|')}|씨|님|동무)`, 'g'), (m) =>
      add(m.index, m.index + given.length, type, score * 0.9, `${reason} (given name)`),
    );
  }
}

/** Names found once are searched everywhere in the text, and 3-syllable names also by given name. */
function propagatePersonNames(text: string, found: DetectedSpan[], add: Add): void {
  const names = new Set<string>();
  for (const span of found) {
    if (span.type !== 'PERSON' || span.score < 0.7) continue;
    const surface = text.slice(span.start, span.end);
    if (surface.length >= 2) names.add(surface);
  }
  for (const name of names) findKnownTerm(text, name, 'PERSON', add, `repeat of "${name}"`, 0.8);
}
