/**
 * The English recognisers by kind of evidence (issue 4, dev12), run together on a text's Latin words
 * after the other rules, since some of them build on what those found (a name beside its Hangul, a
 * Chinese surname found again):
 * titles before surnames (generic-titled-names.ts), nicknames by the way they are given
 * (generic-english-nicknames.ts), the layout of messages and paperwork (generic-frames.ts), facilities and
 * places by head noun (generic-english-facilities.ts), cities abroad and short province names
 * (generic-english-places.ts), dates, ages and IDs by the words around a number (generic-english-numbers.ts), the surname alone of a person named in full (generic-surname-repeats.ts).
 */
import { latinTokens, type Sink } from './scan';
import { detectTitledNames } from './generic-titled-names';
import { detectEnglishNicknames } from './generic-english-nicknames';
import { detectGenericFrames } from './generic-frames';
import { detectEnglishFacilities } from './generic-english-facilities';
import { detectEnglishPlaces } from './generic-english-places';
import { repeatSurnames } from './generic-surname-repeats';
import { detectEnglishNumbers } from './generic-english-numbers';

const HAS_CAPITAL = /[A-Z]/;

export function detectGenericEnglish(text: string, sink: Sink, hasHangul: boolean): void {
  detectGenericFrames(text, sink);
  detectEnglishNumbers(text, sink);
  if (!HAS_CAPITAL.test(text)) return;
  const tokens = latinTokens(text);
  detectTitledNames(text, tokens, sink);
  detectEnglishFacilities(text, tokens, sink);
  detectEnglishPlaces(text, tokens, sink);
  detectEnglishNicknames(text, sink, hasHangul);
  repeatSurnames(text, tokens, sink);
}
