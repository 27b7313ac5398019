import { describe, expect, it } from 'vitest';
import { planMerge } from './merge';

describe('planMerge: what an import does to a testimony already in the vault', () => {
  it('adds a testimony the vault does not have', () => {
    expect(planMerge(undefined, ['a'])).toEqual({ kind: 'new' });
  });

  it('changes nothing when both heads are the same record', () => {
    expect(planMerge(['a', 'b'], ['a', 'b'])).toEqual({ kind: 'same' });
  });

  it('changes nothing when the vault is ahead of the archive', () => {
    expect(planMerge(['a', 'b', 'c'], ['a', 'b'])).toEqual({ kind: 'older' });
  });

  it('appends the versions made after the vault head', () => {
    expect(planMerge(['a', 'b'], ['a', 'b', 'c', 'd'])).toEqual({ kind: 'newer', from: 2 });
  });

  it('flags a conflict when both sides edited after a common version', () => {
    expect(planMerge(['a', 'b', 'x'], ['a', 'b', 'y', 'z'])).toEqual({ kind: 'conflict', from: 2, baseVersion: 2 });
  });

  it('flags a conflict when the histories share nothing', () => {
    expect(planMerge(['x'], ['y'])).toEqual({ kind: 'conflict', from: 0, baseVersion: 0 });
  });

  it('fast-forwards after a conflict was resolved by taking the incoming record', () => {
    // Vault: a, x (its edit), then y2 taken from the other side; the other side continues from y2.
    expect(planMerge(['a', 'x', 'y2'], ['a', 'y1', 'y2', 'y3'])).toEqual({ kind: 'newer', from: 3 });
  });
});
