/**
 * PERSON by the way a nickname is given, whatever its words are (ordinary English words are common
 * nicknames: "Stone Face", "the Ferret"):
 * - a naming verb and a quoted phrase, with up to six words between them: "the prisoners called the
 *   guard on the night shift "Snake Eyes"", "we nicknamed him "Golden Tooth"";
 * - a naming verb and a capitalised phrase right after it or after him/her/them: "nicknamed him Stone
 *   Face", "dubbed her Little Rabbit";
 * - a quoted phrase of capitalised title or familiar words ending in a surname: "Big Brother Lee";
 * - a romanised word beside its Hangul in brackets, when the romanisation spells the Hangul ("Ttolbae
 *   (똘배)") or one side is already a name ("Ferret (족제비)");
 * - a Latin name inside Korean, before a quotative or a title: "Peter라고 소개했어요", "Tiger 아저씨";
 * - a translator's note right after a name, giving its Korean: "Ferret" [T/N: the Korean is 족제비].
 * Later occurrences of the nickname are found by detect.ts's propagateNames.
 */
import { KO_STOPWORDS } from './lexicon';
import { isLatinPlace } from './places';
import { romaniseHangul, romanKey } from './romanise';
import { execAtWords, registerCueWords, type Sink } from './scan';
import { isCommonWord, isSurnameWord, ROLE_TITLES } from './generic-english-words';

const NAMING_WORDS = registerCueWords(['nicknamed', 'dubbed', 'called', 'call', 'calls', 'named', 'known', 'knew', 'nickname']);
const QUOTED_AFTER_NAMING = /(?:nicknamed|dubbed|called|call|calls|named|known\s+as|knew\s+(?:him|her|them)\s+(?:only\s+)?as|nickname\s+(?:was|is))\s+(?:[a-z]+[ ,]\s*){0,6}?["“‘]([^"”’\n]{1,40})["”’]/y;
const CAPITALISED_AFTER_NAMING = /(?:nicknamed|dubbed|called|named|known\s+as|nickname\s+(?:was|is))\s+(?:(?:him|her|them|me|us|everyone)\s+)?((?:the\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}(?:\s+of\s+(?:the\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?)?)\b/y;
/** A named place to stay or meet is a facility: "a shelter called the House of Hope". */
const NAMED_FACILITY_HEADS = new Set(['House', 'Home', 'Centre', 'Center', 'Shelter', 'Church', 'Mission', 'Restaurant', 'Hotel', 'Guesthouse', 'Inn', 'Bar', 'Farm', 'Mine', 'Camp', 'School', 'Company', 'Factory', 'Hospital', 'Clinic', 'Station']);
const FAMILIAR = new Set(['Big', 'Little', 'Old', 'Young', 'Fat', 'Fatty', 'Tall', 'Skinny', 'Elder', 'Baby', 'Granny', 'Auntie', 'Uncle', 'Brother', 'Sister']);
/** First words that make a capitalised phrase a sentence, not a nickname: "called him. The next day". */
const NOT_NICKNAME_START = new Set(['I', 'He', 'She', 'We', 'They', 'You', 'It', 'The', 'A', 'An', 'This', 'That', 'My', 'His', 'Her', 'Our', 'Their', 'And', 'But', 'Or', 'So', 'Then', 'When', 'If', 'In', 'On', 'At', 'To', 'From', 'For', 'With', 'By', 'Of', 'Korea', 'Korean', 'China', 'Chinese', 'God', 'Jesus', 'Christ', 'Juche', 'Chollima', 'Songbun', 'Kotjebi', 'Kkotjebi']);
const GLOSS_AFTER_LATIN = /([A-Z][a-zŏŭ'’-]+(?: [A-Z][a-zŏŭ'’-]+)?)["”]? ?[(（]([\uac00-\ud7a3]{1,5})[)）]/g;
const GLOSS_AFTER_HANGUL = /([\uac00-\ud7a3]{1,5}) ?[(（]([A-Z][a-zŏŭ'’-]+(?:[ -][A-Za-zŏŭ'’-]+)?)[)）]/g;
const TRANSLATOR_NOTE = /[[(](?:T\/N|TN|Translator['’]s note|Tr\. note)[:：]?[^\])\n]{0,60}?([\uac00-\ud7a3]{1,5})/g;
const HAS_HANGUL = /[\uac00-\ud7a3]/;
/** A Latin name inside Korean: "Peter라고 소개했어요", "Tiger 아저씨라고", "Sophie 씨", "Yanji라는 곳". */
const LATIN_IN_KOREAN = /([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)(?:(이라고|라고|이라는|라는|이란|씨|님)|( ?(?:아저씨|아줌마|아주머니|언니|오빠|누나|형님|형|삼촌|이모|고모|할머니|할아버지|선생님|선생|사장님|사장|목사님|목사|전도사|집사|장로|씨|님)))/g;
const PLACE_NOUN_AFTER = /^ ?(?:곳|도시|마을|동네|지역|시내|읍|현|성|나라)/;

function nicknameWords(phrase: string): boolean {
  const words = phrase.replace(/^the\s+/i, '').split(/\s+/);
  if (words.length === 0 || words.length > 4 || NOT_NICKNAME_START.has(words[0]!)) return false;
  if (!/^[A-Z\uac00-\ud7a3]/.test(words[0]!)) return false;
  // "Uncle", "Comrade Director": a title alone is how someone is addressed, not a name.
  return !words.every((w) => ROLE_TITLES.has(w));
}

/** Where the name starts after titles: "Sergeant Paek" → "Paek", "Section Chief Mo" → "Mo" (ANNOTATION.md: no titles). */
function afterTitles(phrase: string): number {
  const words = phrase.split(' ');
  let cut = -1;
  for (let k = 0; k < words.length - 1; k++) if (ROLE_TITLES.has(words[k]!)) cut = k;
  return cut < 0 ? 0 : words.slice(0, cut + 1).join(' ').length + 1;
}

/** Trailing punctuation inside the quotes: "Tadpole." */
function trimPunctuation(phrase: string): string {
  return phrase.replace(/[.,;:!?]+$/, '');
}

export function detectEnglishNicknames(text: string, sink: Sink, hasHangul: boolean): void {
  execAtWords(QUOTED_AFTER_NAMING, text, text, NAMING_WORDS, (m) => {
    const phrase = trimPunctuation(m[1]!.trim());
    if (!nicknameWords(phrase)) return;
    const at = m.index + m[0].lastIndexOf(m[1]!) + m[1]!.indexOf(phrase);
    const the = /^the\s+/i.exec(phrase)?.[0].length ?? 0;
    const skip = the + afterTitles(phrase.slice(the));
    sink.add(at + skip, at + phrase.length, 'PERSON', 0.8, 'quoted nickname after a naming verb');
  });
  execAtWords(CAPITALISED_AFTER_NAMING, text, text, NAMING_WORDS, (m) => {
    const phrase = m[1]!;
    const bare = phrase.replace(/^the\s+/i, '');
    if (!nicknameWords(bare)) return;
    // "known as Hyesan", "called Yanji": places are named this way too.
    if (bare.split(/\s+/).some((w) => isLatinPlace(w))) return;
    const at = m.index + m[0].length - bare.length;
    if (bare.split(/\s+/).some((w) => NAMED_FACILITY_HEADS.has(w))) sink.add(at, at + bare.length, 'FACILITY', 0.75, 'named facility after a naming verb');
    else sink.add(at + afterTitles(bare), at + bare.length, 'PERSON', 0.75, 'capitalised nickname after a naming verb');
  });
  if (text.includes('"') || text.includes('“')) quotedSurnameNicknames(text, sink);
  if (hasHangul) {
    latinInKorean(text, sink);
    glosses(text, sink);
    translatorNotes(text, sink);
  }
}

/** "Big Brother Lee", "Old Uncle Pak": quoted familiar or title words ending in a surname. */
function quotedSurnameNicknames(text: string, sink: Sink): void {
  const re = /["“]([A-Z][a-z]+(?: [A-Z][a-z]+){1,3})["”]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const words = m[1]!.split(' ');
    if (!isSurnameWord(words[words.length - 1]!)) continue;
    if (!words.slice(0, -1).every((w) => FAMILIAR.has(w) || ROLE_TITLES.has(w))) continue;
    sink.add(m.index + 1, m.index + 1 + m[1]!.length, 'PERSON', 0.8, 'quoted nickname ending in a surname');
  }
}

function coveringType(sink: Sink, start: number, end: number): string | undefined {
  for (const span of sink.spans) if (span.start <= start && span.end >= end) return span.type;
  return undefined;
}

function spells(latin: string, hangul: string): boolean {
  return romanKey(latin) === romanKey(romaniseHangul(hangul));
}

/** A romanised word and its Hangul side by side, one of them in brackets. */
function glosses(text: string, sink: Sink): void {
  for (const [re, latinGroup, hangulGroup] of [[GLOSS_AFTER_LATIN, 1, 2], [GLOSS_AFTER_HANGUL, 2, 1]] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const latin = m[latinGroup]!;
      const hangul = m[hangulGroup]!;
      const latinAt = m.index + m[0].indexOf(latin);
      const hangulAt = m.index + (hangulGroup === 1 ? 0 : m[0].lastIndexOf(hangul));
      const latinType = coveringType(sink, latinAt, latinAt + latin.length);
      const hangulType = coveringType(sink, hangulAt, hangulAt + hangul.length);
      if (latinType === 'PERSON' || hangulType === 'PERSON') {
        sink.add(latinAt, latinAt + latin.length, 'PERSON', 0.8, 'name beside its other script');
        sink.add(hangulAt, hangulAt + hangul.length, 'PERSON', 0.8, 'name beside its other script');
        continue;
      }
      if (latinType || hangulType || !spells(latin, hangul)) continue;
      // A common noun glossed (Jangmadang (장마당)) or a place spelled both ways is no person.
      if (KO_STOPWORDS.has(hangul) || isCommonWord(latin) || latin.split(/[ -]/).some((w) => isLatinPlace(w))) continue;
      sink.add(latinAt, latinAt + latin.length, 'PERSON', 0.7, 'romanised word spelling the Hangul beside it');
      sink.add(hangulAt, hangulAt + hangul.length, 'PERSON', 0.7, 'romanised word spelling the Hangul beside it');
    }
  }
}

/** A translator's note right after a name gives the name's Korean: "Ferret" [T/N: the Korean is 족제비]. */
function translatorNotes(text: string, sink: Sink): void {
  TRANSLATOR_NOTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TRANSLATOR_NOTE.exec(text)) !== null) {
    const noteAt = m.index;
    const before = sink.spans.some((span) => span.type === 'PERSON' && span.end <= noteAt && noteAt - span.end <= 3 && !HAS_HANGUL.test(text.slice(span.end, noteAt)));
    if (!before || KO_STOPWORDS.has(m[1]!)) continue;
    const at = m.index + m[0].length - m[1]!.length;
    sink.add(at, at + m[1]!.length, 'PERSON', 0.75, "Korean of a name in a translator's note");
  }
}

function latinInKorean(text: string, sink: Sink): void {
  LATIN_IN_KOREAN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = LATIN_IN_KOREAN.exec(text)) !== null) {
    const name = m[1]!;
    const end = m.index + m[0].length;
    if (NOT_NICKNAME_START.has(name.split(' ')[0]!) || isCommonWord(name.split(' ')[0]!)) continue;
    const placeNoun = m[2] !== undefined && m[2].endsWith('는') && PLACE_NOUN_AFTER.test(text.slice(end, end + 4));
    if (placeNoun || name.split(' ').some((w) => isLatinPlace(w))) {
      if (placeNoun) sink.add(m.index, m.index + name.length, 'PLACE', 0.75, 'Latin name introduced as a place in Korean');
      continue;
    }
    sink.add(m.index, m.index + name.length, 'PERSON', 0.75, 'Latin name before a Korean quotative or title');
  }
}
