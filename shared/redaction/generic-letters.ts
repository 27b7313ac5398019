/**
 * PERSON: the name a Korean letter is addressed to, by the frame of its opening: 사랑하는 순옥에게,
 * 보고 싶은 영철아, 그리운 명희 언니께, or a line that is only "X에게." / "X께". Kinship words and titles
 * in that place (어머니께, 동생에게) are not names. generic-persons.ts reads the vocative "X야," and
 * signatures; this reads the dative opening.
 *
 * Prefilter: runs only when the text has "에게", "께" or one of the endearments.
 */
import { KINSHIP_BEFORE, KO_STOPWORDS, TITLES } from './lexicon';
import type { Sink } from './scan';

const KIN_AFTER = '(?: (?:언니|오빠|누나|형|형님|동생|아우|이모|고모|삼촌|아저씨|아주머니|할머니|할아버지|선생님|씨|님))?';
/** 사랑하는 순옥에게, 보고 싶은 영철아: an endearment and the name. */
const ENDEARED = new RegExp(`(?:사랑하는|보고 ?싶은|그리운|존경하는|친애하는|귀여운|내 딸|내 아들|우리) ([\\uac00-\\ud7a3]{2,4}?)${KIN_AFTER}(?:에게|께|아|야|이에게|이한테|한테)(?=[\\s,.!~]|$)`, 'g');
/** A line that is only the addressee: "순옥에게." */
const OPENING_LINE = new RegExp(`(?:^|\\n)([\\uac00-\\ud7a3]{2,4}?)${KIN_AFTER}(?:에게|께|이에게)[.,!]?[ \\t]*(?=\\n|$)`, 'g');
const CUE = /에게|께|사랑하는|싶은|그리운|친애하는|존경하는|귀여운/;

function isNotAName(word: string): boolean {
  return KINSHIP_BEFORE.has(word) || TITLES.has(word) || KO_STOPWORDS.has(word) || /^(?:여러분|모두|가족|당신|너희|우리|어머님|아버님|부모님|사랑하는|그리운|존경하는|친애하는|귀여운|보고싶은|싶은)$/.test(word);
}

export function detectLetterAddressees(text: string, sink: Sink, hasHangul: boolean): void {
  if (!hasHangul || !CUE.test(text)) return;
  for (const re of [ENDEARED, OPENING_LINE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const name = m[1]!;
      if (isNotAName(name)) continue;
      const start = m.index + m[0].indexOf(name, re === ENDEARED ? m[0].indexOf(' ') : 0);
      sink.add(start, start + name.length, 'PERSON', 0.8, 'name a letter is addressed to');
    }
  }
}
