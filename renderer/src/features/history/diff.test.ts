import { describe, expect, it } from 'vitest';
import { diffRecords } from './diff';

describe('version diff', () => {
  it('lists changed, added and removed fields by path', () => {
    const before = { title: 'a', events: [{ id: 'e1', date: '2009' }], tags: ['x', 'y'] };
    const after = { title: 'b', events: [{ id: 'e1', date: '2009~' }, { id: 'e2' }], tags: ['x'] };
    expect(diffRecords(before, after)).toEqual([
      { path: 'title', before: 'a', after: 'b' },
      { path: 'events[0].date', before: '2009', after: '2009~' },
      { path: 'events[1].id', before: undefined, after: 'e2' },
      { path: 'tags[1]', before: 'y', after: undefined },
    ]);
    expect(diffRecords(before, before)).toEqual([]);
  });
});
