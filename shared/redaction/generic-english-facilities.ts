/**
 * FACILITY and PLACE by an English head noun at the end of a run of capitalised words, for names no
 * list knows: "Sunrise Women's Shelter", "Bethany Mission House", "Daehan Precision Co., Ltd.",
 * "Onsong County People's Committee", "Hoeryong City Ministry of State Security", "Pyongyang
 * University of Foreign Studies", "Jiangcheng Avenue", "the Central Market". The head says what kind of
 * thing it is; the words before it must name which one: at least one of them is not a generic word
 * (People's, County, Korean, Central, Women's …), and ordinary English words count only when the run
 * stands inside a sentence, where capitals mean a name ("at the Central Market"), not at its start. A
 * national body without a place ("the Ministry of State Security", "the Central Committee", "the
 * Korean People's Army") has no specific word and never fires.
 */
import type { LatinToken, Sink } from './scan';
import { FACILITY_HEAD_PAIRS, FACILITY_HEADS, isCommonWord, NON_SPECIFIC, PLACE_HEADS, ROLE_TITLES } from './generic-english-words';

const CONNECTORS = new Set(['of', 'and', 'for', 'the', 'de', 'upon', 'on']);
/** Heads that take "of …" after them: "University of Foreign Studies", "Ministry of State Security". */
const OF_HEADS = new Set(['University', 'Institute', 'Academy', 'College', 'School', 'Ministry', 'Bureau', 'Department', 'Office', 'Committee', 'Council', 'Association', 'Society', 'Federation', 'Union', 'Church', 'Bank', 'Museum', 'Hospital', 'Division', 'Corps', 'Brigade', 'Administration']);
const DETERMINERS = new Set(['The', 'A', 'An', 'Our', 'My', 'His', 'Her', 'Their', 'This', 'That', 'These', 'Those', 'Every', 'Each', 'Some', 'Any', 'No']);
const CORPORATE = new Set(['Co', 'Corp', 'Ltd', 'Inc', 'Limited', 'LLC']);
/** After Co/Corp: ".", "., Ltd.", " Ltd", ", Inc.". */
const CORPORATE_TAIL = /\.?(?:,? (?:Ltd|Inc|Limited|LLC)\.?)?/y;

/** The gap between two tokens of one name: a space, a possessive or closing apostrophe, "No. 12", a hyphen. */
function joins(text: string, a: LatinToken, b: LatinToken): boolean {
  const gap = b.start - a.end;
  const c = text.charCodeAt(a.end);
  if (gap === 1) return c === 32 || c === 45;
  if (gap > 8) return false;
  // "Women's Shelter", "People's Committee" keep their possessive; "Hoeryong's Nammun Market" is a town's market.
  if (c === 39 || c === 0x2019) return /^['’]s? $/.test(text.slice(a.end, b.start)) && NON_SPECIFIC.has(a.key);
  if (c === 115 && (text.charCodeAt(a.end + 1) === 39 || text.charCodeAt(a.end + 1) === 0x2019)) return gap === 3 && NON_SPECIFIC.has(a.key);
  if (a.word === 'No' || a.word === 'Number') return /^\.? ?\d{1,4}[A-Za-z]? $/.test(text.slice(a.end, b.start));
  if (CORPORATE.has(a.word) && CORPORATE.has(b.word)) return /^\.?,? $/.test(text.slice(a.end, b.start));
  return false;
}

function sentenceInitial(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text[i] === '"' || text[i] === '“' || text[i] === '(')) i--;
  if (i < 0) return true;
  return /[.!?\n:;\]]/.test(text[i]!);
}

/** "Factory No. 65", "Mine Number 3", "Farm No.8": a facility head with its number is a facility. */
const HEAD_NUMBER = /^ (?:No\.?|Number|#) ?\d{1,5}[A-Za-z]?\b/;
/** ", No. 12" after a facility: "the Jongori re-education camp, No. 12". */
const TRAILING_NUMBER = /^,? (?:No\.|Number) ?\d{1,5}[A-Za-z]?\b/;

function numberedFacilities(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  for (const t of tokens) {
    if (!FACILITY_HEADS.has(t.word) || text.charCodeAt(t.end) !== 32) continue;
    const m = HEAD_NUMBER.exec(text.slice(t.end, t.end + 16));
    if (m) sink.add(t.start, t.end + m[0].length, 'FACILITY', 0.8, `numbered "${t.word}"`);
  }
  if (!text.includes('No.') && !text.includes('Number')) return;
  const extended: Array<[number, number]> = [];
  for (const span of sink.spans) {
    if (span.type !== 'FACILITY') continue;
    const m = TRAILING_NUMBER.exec(text.slice(span.end, span.end + 16));
    if (m) extended.push([span.start, span.end + m[0].length]);
  }
  for (const [start, end] of extended) sink.add(start, end, 'FACILITY', 0.8, 'facility and its number');
}

export function detectEnglishFacilities(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  numberedFacilities(text, tokens, sink);
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.capitalised) {
      i++;
      continue;
    }
    // A run: capitalised tokens, joined by spaces, possessives and connectors followed by a capital.
    let j = i;
    for (;;) {
      const next = tokens[j + 1];
      if (!next || !joins(text, tokens[j]!, next)) break;
      if (next.capitalised) {
        j++;
        continue;
      }
      // Lower-case connectors inside a name ("University of Foreign Studies") need a capital after them.
      let k = j + 1;
      while (tokens[k + 1] && !tokens[k]!.capitalised && CONNECTORS.has(tokens[k]!.word) && joins(text, tokens[k]!, tokens[k + 1]!)) k++;
      if (k > j + 1 && tokens[k]!.capitalised) {
        j = k;
        continue;
      }
      break;
    }
    if (j > i) runName(text, tokens, i, j, sink);
    i = j + 1;
  }
}

function runName(text: string, tokens: readonly LatinToken[], first: number, last: number, sink: Sink): void {
  // The last head of the run, and where the name ends: at the head, or after its "of …" phrase.
  let head = -1;
  let end = -1;
  for (let k = last; k > first; k--) {
    const w = tokens[k]!.word;
    const ofPhrase = OF_HEADS.has(w) && tokens[k + 1]?.word === 'of' && k < last;
    if (ofPhrase || FACILITY_HEADS.has(w) || PLACE_HEADS.has(w) || FACILITY_HEAD_PAIRS.has(`${tokens[k - 1]!.word} ${w}`)) {
      head = k;
      // Capitalised words after the head are someone's title and name ("Hospital Director Kim"), not the facility.
      end = ofPhrase ? tokens[last]!.end : tokens[k]!.end;
      break;
    }
  }
  if (head < 0) return;
  const pair = FACILITY_HEAD_PAIRS.has(`${tokens[head - 1]!.word} ${tokens[head]!.word}`);
  const nameEnd = pair ? head - 1 : head;
  // "Officer Baek of the Nowon Police Station": before the head, the name starts after its last connector.
  let start = first;
  for (let k = nameEnd - 1; k > first; k--) {
    if (CONNECTORS.has(tokens[k]!.word)) {
      start = k + 1;
      break;
    }
  }
  // Title case at a sentence start ("The Safety Agency …") says nothing; inside a sentence capitals mean a name.
  const initial = sentenceInitial(text, tokens[start === first || DETERMINERS.has(tokens[first]!.word) ? first : start]!.start);
  const placeHead = PLACE_HEADS.has(tokens[head]!.word) && end === tokens[head]!.end;
  while (start < nameEnd && (DETERMINERS.has(tokens[start]!.word) || (initial && start === first && isCommonWord(tokens[start]!.word) && !NON_SPECIFIC.has(tokens[start]!.key)))) start++;
  if (start >= nameEnd) return;
  let specific = false;
  let numbered = false;
  for (let k = start; k < nameEnd; k++) {
    const t = tokens[k]!;
    if ((t.word === 'No' || t.word === 'Number') && /\d/.test(text.slice(t.end, tokens[k + 1]!.start))) numbered = true;
    if (CONNECTORS.has(t.word) || DETERMINERS.has(t.word) || ROLE_TITLES.has(t.word)) continue;
    // A market or a street inside a sentence is named by any capitalised word: "at the Central Market".
    if (NON_SPECIFIC.has(t.key) && !(placeHead && !initial)) continue;
    if (!isCommonWord(t.word) || !initial) specific = true;
  }
  if (!specific && !numbered) return;
  const headWord = tokens[head]!.word;
  if (CORPORATE.has(tokens[head]!.word) && end === tokens[head]!.end) {
    CORPORATE_TAIL.lastIndex = end;
    const tail = CORPORATE_TAIL.exec(text);
    if (tail) end += tail[0].length;
  }
  const type = placeHead ? 'PLACE' : 'FACILITY';
  sink.add(tokens[start]!.start, end, type, 0.7, `${type === 'PLACE' ? 'place' : 'facility'} head "${headWord}"`);
}
