/**
 * PERSON and AGE by the layout of paperwork and messages, whatever the name looks like:
 * - chat and transcript speakers: "[21:04] Sunny: …" (a time stamp makes any label a speaker), a
 *   label that opens two lines or more ("Ok-ran: …" twice), a Hangul label shaped as a name (은정: …);
 *   labels of forms and roles (Q, A, Caller, Interviewer, 질문, 원문) are not names;
 * - e-mail headers and addresses: "To: Daniel Whitford", "Hannah Cole <h.cole@…>";
 * - greetings and sign-offs: "Hi Daniel,", "Best,\nHannah";
 * - news apposition: "Kang, 34, who asked …" (a name, then an age between commas);
 * - sex and age in case notes: "(F, 41)", "(M/35)", "(41, female)".
 */
import { GIVEN_SYLLABLES, KO_STOPWORDS, SURNAMES } from './lexicon';
import type { Sink } from './scan';
import { AMBIGUOUS_SURNAMES, isCommonWord, isSurnameWord, NEVER_SURNAMES, KOREAN_LABELS, MONTHS_AND_DAYS, ROLE_TITLES, SIGN_OFFS, SPEAKER_LABELS } from './generic-english-words';

const SPEAKER = /^[ \t]*(\[?\(?(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?[ \t,]*)?\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[APap]\.?[Mm]\.?)?\]?\)?[ \t]*[-–]?[ \t]*)?([A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’-]*){0,2}|[\uac00-\ud7a3]{1,4})[ \t]?[:：][ \t]/gm;
const HEADER = /^[ \t]*(?:To|From|Cc|CC|Bcc|Sender|Recipient|Attn|Attention|Reply-To)[:：][ \t]*((?:(?:Mr|Mrs|Ms|Dr|Miss)\.?[ \t]+)?[A-Z][A-Za-z'’-]*(?:[ \t]+[A-Z][A-Za-z'’-]*){0,3})[ \t]*(?=<|\(|,|;|$)/gm;
const ADDRESSED = /([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){0,2}) <[^\s<>@]+@[^\s<>]+>/g;
const GREETING = /^[ \t]*(?:Hi|Hello|Hey|Dear|Dearest|Good morning|Good afternoon|Good evening)[ \t]+((?:(?:Mr|Mrs|Ms|Dr|Miss)\.?[ \t]+)?[A-Z][A-Za-z'’-]*(?:[ \t]+[A-Z][A-Za-z'’-]*){0,2})[ \t]*[,!:]/gm;
const SIGN_OFF = new RegExp(`^[ \\t]*(?:${SIGN_OFFS.join('|')})[,!.]?(?:[ \\t]*\\n[ \\t]*|[ \\t]+)((?:-[ \\t]*)?[A-Z][A-Za-z'’-]*(?:[ \\t]+[A-Z][A-Za-z'’-]*){0,2})[ \\t]*$`, 'my');
const APPOSITION = /\b([A-Z][a-z'’]+(?:[ -][A-Z]?[a-z'’]+){0,2}), (\d{1,2}), /g;
const SEX_AGE = /[(（][ \t]*(?:F|M|W|female|male|Female|Male|woman|man|여|남|여성|남성)[ \t]*[,/][ \t]*(\d{1,3})(?:[ \t]*(?:y\/?o|yrs?|years?|세|살))?[ \t]*[)）]|[(（][ \t]*(\d{1,3})[ \t]*[,/][ \t]*(?:F|M|female|male|Female|Male|여|남)[ \t]*[)）]/g;

const GREETING_CUE = /\b(?:Hi|Hello|Hey|Dear|Dearest|Good morning|Good afternoon|Good evening) /;
const TITLE_PREFIX = /^(?:Mr|Mrs|Ms|Dr|Miss)\.?[ \t]+/;

/** Capitalised words that can be a name: not all ordinary words, not all titles, no label. */
function nameWords(phrase: string): boolean {
  const words = phrase.split(/[ \t]+/).filter(Boolean);
  if (words.length === 0) return false;
  if (words.every((w) => isCommonWord(w) || ROLE_TITLES.has(w) || SPEAKER_LABELS.has(w.toLowerCase()) || MONTHS_AND_DAYS.has(w))) return false;
  return !SPEAKER_LABELS.has(phrase.toLowerCase());
}

/** A Hangul label that reads as a name: surname + one or two syllables, or two given-name syllables. */
function hangulNameShaped(label: string): boolean {
  if (KOREAN_LABELS.has(label) || KO_STOPWORDS.has(label)) return false;
  if (label.length === 3) return SURNAMES.has(label[0]!);
  if (label.length === 2) return GIVEN_SYLLABLES.has(label[0]!) && GIVEN_SYLLABLES.has(label[1]!);
  return false;
}

export function detectGenericFrames(text: string, sink: Sink): void {
  if (text.includes(':') || text.includes('：')) speakers(text, sink);
  if (text.includes('@')) addressed(text, sink);
  if (GREETING_CUE.test(text)) addPhrase(text, sink, GREETING, 'name in a greeting');
  if (text.includes('\n') || text.includes(',')) addPhrase(text, sink, SIGN_OFF, 'name under a sign-off');
  if (text.includes(':')) addPhrase(text, sink, HEADER, 'name in a message header');
  if (/, [0-9]{1,2}, /.test(text)) appositions(text, sink);
  if (/[(（][ \t]*(?:[FMWfm]|female|male|woman|man|여|남|[0-9])/.test(text)) sexAndAge(text, sink);
}

function speakers(text: string, sink: Sink): void {
  const found: Array<{ at: number; label: string; stamped: boolean }> = [];
  const count = new Map<string, number>();
  SPEAKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPEAKER.exec(text)) !== null) {
    const label = m[2]!;
    found.push({ at: m.index + m[0].lastIndexOf(label, m[0].length - 1), label, stamped: m[1] !== undefined && /\d/.test(m[1]) });
    count.set(label, (count.get(label) ?? 0) + 1);
  }
  for (const { at, label, stamped } of found) {
    const hangul = /^[\uac00-\ud7a3]/.test(label);
    let ok: boolean;
    if (hangul) ok = !KOREAN_LABELS.has(label) && !KO_STOPWORDS.has(label) && (stamped || (count.get(label)! >= 2 && label.length >= 2) || hangulNameShaped(label));
    else ok = nameWords(label) && !label.split(' ').some((w) => SPEAKER_LABELS.has(w.toLowerCase())) && (stamped || count.get(label)! >= 2);
    if (ok) sink.add(at, at + label.length, 'PERSON', 0.75, stamped ? 'speaker after a time stamp' : 'speaker label');
  }
}

function addressed(text: string, sink: Sink): void {
  ADDRESSED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ADDRESSED.exec(text)) !== null) {
    if (nameWords(m[1]!)) sink.add(m.index, m.index + m[1]!.length, 'PERSON', 0.8, 'name before an e-mail address');
  }
}

function addPhrase(text: string, sink: Sink, re: RegExp, reason: string): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = nextMatch(re, text)) !== null) {
    let phrase = m[1]!.replace(/^-[ \t]*/, '');
    let at = m.index + m[0].lastIndexOf(phrase);
    const title = TITLE_PREFIX.exec(phrase);
    if (title) {
      at += title[0].length;
      phrase = phrase.slice(title[0].length);
    }
    if (!nameWords(phrase)) continue;
    sink.add(at, at + phrase.length, 'PERSON', 0.75, reason);
  }
}

/**
 * The next match of a global pattern; a sticky one starts with ^ (multiline) and is tried only where a line
 * starts, not at every character: a long alternation of sign-offs costs one try per line.
 */
function nextMatch(re: RegExp, text: string): RegExpExecArray | null {
  if (!re.sticky) return re.exec(text);
  for (let at = re.lastIndex; at >= 0; at = nextLineStart(text, at)) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m !== null) return m;
  }
  return null;
}

/** Where the line after `at` starts (after \n, \r, U+2028 or U+2029, as ^ in a multiline pattern), or -1. */
function nextLineStart(text: string, at: number): number {
  for (let k = at; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return k + 1;
  }
  return -1;
}

function appositions(text: string, sink: Sink): void {
  APPOSITION.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = APPOSITION.exec(text)) !== null) {
    const name = m[1]!;
    const words = name.split(/[ -]/);
    const first = words[0]!;
    if (words.some((w) => MONTHS_AND_DAYS.has(w)) || SPEAKER_LABELS.has(first.toLowerCase())) continue;
    const surname = isSurnameWord(first) && !AMBIGUOUS_SURNAMES.has(first) && !NEVER_SURNAMES.has(first);
    if (!surname && (isCommonWord(first) || ROLE_TITLES.has(first) || NEVER_SURNAMES.has(first))) continue;
    sink.add(m.index, m.index + name.length, 'PERSON', 0.7, 'name before an age in commas');
    const ageAt = m.index + m[0].lastIndexOf(m[2]!);
    sink.add(ageAt, ageAt + m[2]!.length, 'AGE', 0.8, 'age in commas after a name');
  }
}

function sexAndAge(text: string, sink: Sink): void {
  SEX_AGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SEX_AGE.exec(text)) !== null) {
    const age = m[1] ?? m[2]!;
    const at = m.index + m[0].indexOf(age, 1);
    sink.add(at, at + age.length, 'AGE', 0.8, 'age beside sex in a case note');
  }
}
