/**
 * Korean particles and copula endings that may follow a name or a place inside one written word:
 * 김영철은, 김영철이었습니다, 영철이한테서, 회령에서부터. The annotation excludes them from the span,
 * so the recognisers need to know where a name stops.
 */

import { firstSyllables } from './hangul';

/** Particles that end a word by themselves or before a second particle. */
const FIRST_PARTICLES = [
  '은', '는', '이', '가', '을', '를', '의', '도', '만', '와', '과', '랑', '이랑', '하고', '이하고', '에게', '한테', '께', '께서',
  '에서', '에', '로', '으로', '까지', '부터', '처럼', '보다', '마저', '조차', '나', '이나', '야', '아', '요', '네', '이네', '더러',
  '보고', '이가', '이는', '이를', '이도', '이와', '이의', '이만', '이까지', '이처럼', '이보다', '이한테', '이에게', '이야', '이요',
  '씨', '님', '이며', '며', '이라도', '라도', '이든', '든', '밖에', '뿐', '같이', '이같이', '이네서', '에게서', '한테서', '이한테서',
  '하구', '이하구', '이나마', '나마', '이고', '고', '이여', '여', '이랑은', '에다', '에다가', '으로서', '로서', '으로써', '로써',
  '이라', '라', '이란', '란', '이래', '래', '이니', '니', '이던', '던', '이자', '자', '인', '인데', '이면', '면', '이지', '지', '이시',
];
const SECOND_PARTICLES = ['', '은', '는', '도', '만', '요', '의', '가', '서', '를', '이', '야', '나', '고', '랑', '부터', '까지', '에'];

/** Copula and verb endings that may follow a name: 김영철이었습니다, 순희라고, 영철이라는, 철수예요. */
const COPULA_PREFIXES = [
  '이다', '이었', '였', '입니', '이에', '예요', '에요', '이고', '이라', '라고', '라는', '라면', '라서', '라니', '이야', '이지',
  '이던', '이란', '인데', '인가', '인지', '이면', '이니', '이세', '이셨', '셨', '세요', '이시', '이요', '이오', '이구', '구요',
  '이죠', '죠', '이잖', '잖', '였', '이였', '이네', '하고', '이래', '래요', '랍니', '이랍', '이라던', '라던', '이냐', '냐', '이가',
];

const TAILS = new Set<string>();
for (const first of FIRST_PARTICLES) for (const second of SECOND_PARTICLES) TAILS.add(first + second);
const COPULA_SET = new Set(COPULA_PREFIXES);
const LONGEST_COPULA = Math.max(...COPULA_PREFIXES.map((p) => p.length));

const TAIL_FIRSTS = firstSyllables([...TAILS, ...COPULA_PREFIXES]);

/** True when `rest` (the Hangul after a name inside one word) is particles or a copula ending. */
export function isParticleTail(rest: string): boolean {
  if (rest === '') return true;
  if (!TAIL_FIRSTS.has(rest[0])) return false;
  if (TAILS.has(rest)) return true;
  for (let len = Math.min(rest.length, LONGEST_COPULA); len >= 1; len--) if (COPULA_SET.has(rest.slice(0, len))) return true;
  return false;
}

/** Particles after a place or facility: 회령에서, 혜산으로, 온성까지는. */
const PLACE_PARTICLES = [
  '에서', '에서는', '에서도', '에서의', '에서부터', '에서만', '에', '에는', '에도', '에만', '에서야', '으로', '으로는', '으로도', '로',
  '로는', '로도', '로부터', '까지', '까지는', '까지도', '부터', '부터는', '은', '는', '이', '가', '을', '를', '의', '도', '만', '와', '과',
  '이나', '나', '이랑', '랑', '하고', '쪽', '쪽으로', '쪽에서', '쪽에', '근처', '근처에서', '근처에', '근처로', '에게', '이고', '이며', '며',
  '이었', '였', '입니', '이다', '이에', '예요', '에요', '인데', '이라', '라고', '라는', '이라는', '이란', '란', '같은', '엔', '에선', '에로',
  '으로부터', '에다', '에다가', '이었다', '이지', '이요', '요', '보다', '처럼', '만큼', '밖', '밖으로', '밖에', '안', '안에', '안으로',
  '내', '외곽', '시내', '일대', '지역', '출신', '사람', '사람들', '태생', '방향', '방면', '경유', '행', '발', '인근', '라서', '이라서', '라면', '이라면', '인데도', '에서요', '이요', '예요',
];
const PLACE_TAILS = new Set(PLACE_PARTICLES);
const PLACE_PREFIXES = new Set(['에서', '으로', '까지', '이었', '였', '입니', '이라', '라고', '라는', '인데', '이에', '에요', '예요']);

/** True when `rest` after a place name inside one word is a particle (or empty). */
const PLACE_TAIL_FIRSTS = firstSyllables([...PLACE_PARTICLES, ...PLACE_PREFIXES]);

export function isPlaceTail(rest: string): boolean {
  if (rest === '') return true;
  if (!PLACE_TAIL_FIRSTS.has(rest[0])) return false;
  if (PLACE_TAILS.has(rest)) return true;
  return PLACE_PREFIXES.has(rest.slice(0, 2)) || PLACE_PREFIXES.has(rest.slice(0, 1));
}
