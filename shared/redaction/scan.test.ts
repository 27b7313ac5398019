import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import { clearDetectorCaches, detectorCacheEntries, latinTokens, WordTable } from './scan';

const TEXT = '2009년 겨울에 회령시에서 김영철은 최 과장을 만났다. Kim Yong-chol met Mr Choi in Hoeryong; call 010-1234-5678.';

describe('detector caches', () => {
  it('hold words of the texts seen until clearDetectorCaches empties every one of them', () => {
    const before = detectSpans(TEXT);
    expect(detectorCacheEntries()).toBeGreaterThan(0);
    clearDetectorCaches();
    expect(detectorCacheEntries()).toBe(0);
    // Nothing the detector finds depends on what it remembered.
    expect(detectSpans(TEXT)).toEqual(before);
  });

  it('do not keep the last text after clearing', () => {
    const first = latinTokens(TEXT);
    expect(latinTokens(TEXT)).toBe(first);
    clearDetectorCaches();
    expect(latinTokens(TEXT)).not.toBe(first);
    const plain = (tokens: ReturnType<typeof latinTokens>) => tokens.map((t) => [t.start, t.end, t.word, t.key, t.capitalised]);
    expect(plain(latinTokens(TEXT))).toEqual(plain(first));
  });
});

describe('WordTable', () => {
  it('gives back the same entry for a word after it has grown, and starts again only when full', () => {
    let computed = 0;
    const table = new WordTable((w) => ({ w, n: computed++ }), 13);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`);
    const text = words.join(' ');
    const entries = [];
    for (let i = 0, at = 0; i < words.length; at += words[i]!.length + 1, i++) {
      const entry = table.get(text, at, at + words[i]!.length);
      expect(entry.w).toBe(words[i]);
      entries.push(entry);
      // Every word seen so far is still there, as the same object, until the table is full (2^12 words).
      if (i === 3000) for (let j = 0, back = 0; j <= i; back += words[j]!.length + 1, j++) expect(table.get(text, back, back + words[j]!.length)).toBe(entries[j]);
    }
    expect(computed).toBe(5000);
    // Full at half of 2^13 slots: emptied once, so the first words are worked out again.
    expect(table.size).toBeLessThan(4096);
    expect(table.get(text, 0, 2)).not.toBe(entries[0]);
    expect(computed).toBe(5001);
  });
});
