/** PLACE by an English administrative or geographic head (generic-places.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function places(text: string): string[] {
  return detectSpans(text)
    .filter((span) => span.type === 'PLACE')
    .map((span) => text.slice(span.start, span.end));
}

describe('English places by head word', () => {
  it.each([
    ['We cut timber in Zeya Oblast for two winters.', 'Zeya Oblast'],
    ['The boat left from Primorsky Krai.', 'Primorsky Krai'],
    ['They kept us on Pidan Island for a year.', 'Pidan Island'],
    ['My uncle farmed in Hongwon Bay.', 'Hongwon Bay'],
  ])('finds the place in %s', (text, place) => {
    expect(places(text)).toContain(place);
  });
  it.each([
    ['The Island was cold.'],
    ['Our Province had no rice that year.'],
    ['Every Island has a name.'],
  ])('finds no place in %s', (text) => {
    expect(places(text)).toEqual([]);
  });
});
