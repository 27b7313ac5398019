import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec';

describe('binding codec', () => {
  it('carries bytes and plain values through JSON unchanged', () => {
    const bytes = new Uint8Array(70_000).map((_, index) => index % 251);
    const value = { ok: true, value: { bytes, done: false, list: [1, 'two', null, { nested: new Uint8Array([0, 255]) }] } };
    const wire = JSON.parse(JSON.stringify(encode(value)));
    expect(decode(wire)).toEqual(value);
  });
});
