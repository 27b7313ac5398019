/**
 * PLACE from two kinds of evidence the Korean and Chinese gazetteers do not cover:
 * - cities and districts abroad where defectors resettled (data/generic-english.json): "New Malden",
 *   "Scarborough", "Toronto", "Kingston upon Thames"; whole words, longest name first;
 * - a Korean province written without "Province" or "-do": "North Phyongan", "South Hamgyŏng",
 *   "North Gyeongsang" (a compass word before a province's root, in any romanisation).
 */
import type { LatinToken, Sink } from './scan';
import { PROVINCE_ROOT_KEYS, RESETTLEMENT_BY_FIRST, spaceBetween } from './generic-english-words';

export function detectEnglishPlaces(text: string, tokens: readonly LatinToken[], sink: Sink): void {
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
