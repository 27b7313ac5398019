import { describe, expect, it } from 'vitest';
import { legendSteps, shadeOf } from './Dashboard';

describe('map shading', () => {
  it('shades nothing for zero and the largest count darkest, with a legend that does not repeat itself', () => {
    expect(shadeOf(0, 10)).toBe(0);
    expect(shadeOf(1, 10)).toBe(1);
    expect(shadeOf(10, 10)).toBe(5);
    expect(legendSteps(1)).toEqual([{ shade: 0, label: 0 }, { shade: 5, label: 1 }]);
    expect(legendSteps(10).map((step) => step.label)).toEqual([0, 2, 4, 6, 8, 10]);
  });
});
