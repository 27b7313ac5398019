/**
 * Korean particles whose form depends on whether the word before ends in a consonant
 * (김영철은 / 인물 A는). When a replacement changes that, the particle after it is changed to
 * match, so that a redacted text still reads as Korean. Only the particle right after a span
 * changes; nothing else is rewritten.
 */

/** [after a consonant, after a vowel]; longest first. ㄹ takes the vowel form of (으)로. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['이었습니다', '였습니다'], ['이었어요', '였어요'], ['이었는데', '였는데'], ['이었고', '였고'], ['이었다', '였다'], ['이었지', '였지'],
  ['이라는', '라는'], ['이라고', '라고'], ['이에요', '예요'], ['이랑', '랑'], ['이나', '나'], ['으로', '로'],
  ['은', '는'], ['이', '가'], ['을', '를'], ['과', '와'],
];
/** Multi-syllable forms may run on (이었습니다만); one-syllable ones must end the word. */
const MULTI = new Set(PAIRS.filter(([a, b]) => a.length > 1 && b.length > 1).flat());

/** Korean readings of Latin letters and digits: whether each ends in a consonant (L 엘, M 엠, N 엔, R 알; 1 일, 3 삼, 6 육, 7 칠, 8 팔, 0 영). */
const LETTER_FINAL = new Set(['L', 'M', 'N', 'R', 'l', 'm', 'n', 'r', '0', '1', '3', '6', '7', '8']);

/** 'consonant' | 'rieul' | 'vowel' for the last sounding character of a text, undefined if unknown. */
export function finalSound(text: string): 'consonant' | 'rieul' | 'vowel' | undefined {
  const trimmed = text.replace(/[\s\])}'"’」』]+$/u, '');
  const last = trimmed[trimmed.length - 1];
  if (last === undefined) return undefined;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) {
    const final = (code - 0xac00) % 28;
    return final === 0 ? 'vowel' : final === 8 ? 'rieul' : 'consonant';
  }
  if (/[A-Za-z0-9]/.test(last)) return LETTER_FINAL.has(last) ? (/[LlRr18]/.test(last) ? 'rieul' : 'consonant') : 'vowel';
  return undefined;
}

/**
 * The particle at the start of `after` and the form it should take after `replacement`;
 * undefined when there is none or nothing needs to change.
 */
export function harmoniseParticle(replacement: string, after: string): { length: number; form: string } | undefined {
  const sound = finalSound(replacement);
  if (!sound) return undefined;
  for (const [consonantForm, vowelForm] of PAIRS) {
    for (const form of [consonantForm, vowelForm]) {
      if (!after.startsWith(form)) continue;
      const next = after[form.length];
      const endsWord = next === undefined || !/[\uac00-\ud7a3]/.test(next);
      if (!endsWord && !MULTI.has(form)) continue;
      const wanted = consonantForm === '으로' ? (sound === 'consonant' ? consonantForm : vowelForm) : sound === 'vowel' ? vowelForm : consonantForm;
      return wanted === form ? undefined : { length: form.length, form: wanted };
    }
  }
  return undefined;
}
