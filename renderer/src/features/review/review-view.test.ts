import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n';
import { pieces, type Mark } from './HighlightedText';
import { fieldValueText, pathLabel } from './review-labels';

const mark = (start: number, end: number, label = 'x'): Mark => ({ start, end, className: '', label });

describe('marks in a text', () => {
  it('cut the text in reading order, every character once, whatever order the marks come in', () => {
    const text = '저는 박순희입니다. 김영철이 왔습니다.';
    const out = pieces(text, [mark(11, 14, 'b'), mark(3, 6, 'a')]);
    expect(out.map((piece) => (typeof piece === 'string' ? piece : `[${piece.label}:${text.slice(piece.start, piece.end)}]`)).join('')).toBe(
      '저는 [a:박순희]입니다. [b:김영철]이 왔습니다.',
    );
  });

  it('leave out a mark that overlaps an earlier one, or lies outside the text, rather than show a character twice', () => {
    const text = 'I am Park Sun-hee.';
    const out = pieces(text, [mark(5, 17, 'residual'), mark(10, 17, 'replaced'), mark(3, 3), mark(15, 99)]);
    expect(out).toEqual(['I am ', expect.objectContaining({ start: 5, end: 17, label: 'residual' }), '.']);
  });
});

describe('review labels', () => {
  const ko = createI18n('ko', () => undefined);
  const en = createI18n('en', () => undefined);

  it('name field paths in words, numbering from one', () => {
    expect(pathLabel(ko, 'narrative.text')).toBe('진술');
    expect(pathLabel(en, 'events[0].perpetrators[1].rank')).toBe('Event 1 · perpetrator 2 · rank');
    expect(pathLabel(en, 'tags[2]')).toBe('Tag 3');
    expect(pathLabel(en, 'somethingNew.path')).toBe('somethingNew · path');
  });

  it('show structured values as a person reads them, and a malformed one as it is', () => {
    expect(fieldValueText(ko, '{"gazetteerId":"nk-hoeryong-si"}')).toContain('회령');
    expect(fieldValueText(en, '"female"')).toBe(en.t('sex.female'));
    expect(fieldValueText(en, '1974')).toBe('1974');
    expect(fieldValueText(en, '{not json')).toBe('{not json');
  });
});
