/**
 * PLACE from three kinds of evidence the Korean and Chinese gazetteers do not cover:
 * - a capitalised name after a word of place relation ("below Sambong", "near Tynda", "north of
 *   Kanggye"), when it is no English word, title, surname, country, river, people or month;
 * - cities and districts abroad where defectors resettled (data/generic-english.json): "New Malden",
 *   "Scarborough", "Toronto", "Kingston upon Thames"; whole words, longest name first;
 * - a Korean province written without "Province" or "-do": "North Phyongan", "South Hamgyŏng",
 *   "North Gyeongsang" (a compass word before a province's root, in any romanisation).
 */
import { EN_LEADERS } from './lexicon';
import { execAtWords, registerCueWords, type LatinToken, type Sink } from './scan';
import { isCommonWord, isSurnameWord, NOT_PLACES_AFTER_PREPOSITION, PROVINCE_ROOT_KEYS, RESETTLEMENT_BY_FIRST, ROLE_TITLES, spaceBetween } from './generic-english-words';

const SPATIAL_WORDS = registerCueWords(['below', 'above', 'near', 'nearby', 'outside', 'beyond', 'opposite', 'past', 'across', 'upstream', 'downstream', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'toward', 'towards', 'outskirts', 'close', 'far', 'away', 'between']);
/** A word of place relation, then a capitalised name: "the ice below Sambong", "near Tynda", "north of Kanggye". */
const SPATIAL = /(?:below|above|near|nearby|outside|beyond|opposite|past|across from|upstream (?:of|from)|downstream (?:of|from)|(?:north|south|east|west|northeast|northwest|southeast|southwest) of|towards?|outskirts of|close to|far from|away from|between)\s+([A-Z][a-zŏŭ'’-]+(?:\s[A-Z][a-zŏŭ'’-]+)?)/y;
const LEADER_WORDS: ReadonlySet<string> = new Set(EN_LEADERS.flatMap((l) => l.split(/[\s-]+/)));

function townWord(word: string): boolean {
  return word.length >= 3 && !isCommonWord(word) && !ROLE_TITLES.has(word) && !isSurnameWord(word) && !NOT_PLACES_AFTER_PREPOSITION.has(word) && !LEADER_WORDS.has(word);
}

export function detectEnglishPlaces(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  execAtWords(SPATIAL, text, text, SPATIAL_WORDS, (m) => {
    const words = m[1]!.split(/\s/);
    // "near Sambong Station" is the station's, not the town's; the second word must be a town word too.
    const name = words.length === 2 && townWord(words[1]!) ? m[1]! : words[0]!;
    if (!townWord(words[0]!)) return;
    const at = m.index + m[0].length - m[1]!.length;
    sink.add(at, at + name.length, 'PLACE', 0.7, 'town after a word of place relation');
  });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.capitalised) continue;
    const names = RESETTLEMENT_BY_FIRST.get(t.word);
    if (names) {
      let matched = false;
      for (const words of names) {
        let k = 1;
        while (k < words.length && tokens[i + k] && tokens[i + k]!.word === words[k] && spaceBetween(text, tokens[i + k - 1]!, tokens[i + k]!)) k++;
        if (k < words.length) continue;
        sink.add(t.start, tokens[i + k - 1]!.end, 'PLACE', 0.75, 'city abroad');
        i += k - 1;
        matched = true;
        break;
      }
      if (matched) continue;
    }
    if ((t.word === 'North' || t.word === 'South') && tokens[i + 1] && spaceBetween(text, t, tokens[i + 1]!) && PROVINCE_ROOT_KEYS.has(tokens[i + 1]!.key)) {
      sink.add(t.start, tokens[i + 1]!.end, 'PLACE', 0.8, 'province without its head word');
      i++;
    }
  }
}
