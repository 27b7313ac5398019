/**
 * PLACE by an English administrative or geographic head word after a capitalised name, for places no
 * gazetteer knows: "Amur Oblast", "Primorsky Krai", "Pidan Island", "Yanbian Prefecture", "Sinpo Bay".
 * The head says "this is a place"; the capitalised words before it are its name. Ordinary capitalised
 * words at a sentence start ("The Island", "Our Province") are dropped, and a head alone never fires.
 *
 * Prefilter: runs only when one of the head words occurs in the text.
 */
import { EN_COMMON } from './lexicon';
import type { Sink } from './scan';

const HEADS = 'Oblast|Krai|Kray|Okrug|Prefecture|Autonomous Prefecture|Autonomous Region|Province|Island|Islands|Peninsula|Bay|Harbou?r|Workers[’\']? District|Special Economic Zone|Economic Zone|New Town|Old Town|Township|Subdistrict|Sub-district|Commune|Municipality';
const CUE = new RegExp(`\\b(?:${HEADS})\\b`);
const PLACE = new RegExp(`\\b((?:[A-Z][a-zŏŭ'’-]+\\s){1,3})(${HEADS})\\b`, 'g');
const NOT_NAME = new Set(['The', 'A', 'An', 'Our', 'My', 'His', 'Her', 'Their', 'This', 'That', 'Every', 'Each', 'Which', 'What', 'North', 'South', 'East', 'West', 'Korean', 'Chinese', 'Russian', 'Some', 'Another', 'Same']);

export function detectGenericPlaces(text: string, sink: Sink): void {
  if (!CUE.test(text)) return;
  PLACE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACE.exec(text)) !== null) {
    let words = m[1]!.trim().split(/\s+/);
    while (words.length > 0 && (NOT_NAME.has(words[0]!) || EN_COMMON.has(words[0]!.toLowerCase()))) words = words.slice(1);
    if (words.length === 0) continue;
    const start = m.index + m[0].indexOf(words.join(' '));
    sink.add(start, m.index + m[0].length, 'PLACE', 0.8, `place "${m[2]}"`);
  }
}
