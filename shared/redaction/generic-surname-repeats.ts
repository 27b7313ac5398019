/**
 * PERSON: the surname alone of a person the text has named in full ("Deputy Director Mun Chol-ho …
 * Mun kept asking", "Jin Guangzhe … Jin had a car", "Yong-nam Pak … Pak said"). detect.ts repeats a
 * full name and a Korean given name, not a surname (a surname alone is too common to look for in any
 * text); once the text has named someone with it, the capitalised surname standing alone is a
 * reference to a person. A surname beside another capitalised word is part of someone else's name
 * (Kim … Kim Jong Un), and surnames that are English words (So, An, Do) are never repeated.
 */
import { PINYIN_SURNAMES, ROMAN_SURNAMES } from './lexicon';
import type { LatinToken, Sink } from './scan';
import { AMBIGUOUS_SURNAMES, NEVER_SURNAMES } from './generic-english-words';

const SURNAME_FIRST = /^([A-Z][a-zà-ɏ]+) [A-Z][a-zà-ɏ'’]+(?:-[a-zà-ɏ'’]+)?$/;
const SURNAME_LAST = /^[A-Z][a-zà-ɏ'’]+-[a-zà-ɏ'’]+ ([A-Z][a-zà-ɏ]+)$/;

function repeatable(surname: string): boolean {
  // Pinyin with its tone marks or ü (Lü, Xú) is the same surname as the plain letters the list holds.
  const plain = /^[A-Za-z]+$/.test(surname) ? surname : surname.normalize('NFD').replace(/[^A-Za-z]/g, '');
  return (ROMAN_SURNAMES.has(plain) || PINYIN_SURNAMES.has(plain)) && plain.length >= 2 && !AMBIGUOUS_SURNAMES.has(plain) && !NEVER_SURNAMES.has(plain);
}

export function repeatSurnames(text: string, tokens: readonly LatinToken[], sink: Sink): void {
  const surnames = new Set<string>();
  for (const span of sink.spans) {
    if (span.type !== 'PERSON' || span.score < 0.6 || span.end - span.start > 40) continue;
    const surface = text.slice(span.start, span.end);
    const m = SURNAME_FIRST.exec(surface) ?? SURNAME_LAST.exec(surface);
    if (m && repeatable(m[1]!)) surnames.add(m[1]!);
  }
  if (surnames.size === 0) return;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!surnames.has(t.word)) continue;
    const next = tokens[i + 1];
    if (next && next.capitalised && (next.start === t.end + 1 || next.start === t.end + 2)) continue;
    const prev = tokens[i - 1];
    if (prev && prev.capitalised && (t.start === prev.end + 1 || t.start === prev.end + 2) && /^[ -]/.test(text.slice(prev.end, t.start))) continue;
    sink.add(t.start, t.end, 'PERSON', 0.75, 'surname alone of a person named in full');
  }
}
