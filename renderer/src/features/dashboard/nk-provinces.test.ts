import { describe, expect, it } from 'vitest';
import { listProvinces } from '@shared/gazetteer';
import { MAP_HEIGHT, MAP_WIDTH, PROVINCE_SHAPES } from './nk-provinces';

describe('province map shapes', () => {
  it('has one closed outline inside the map for each first-level division of the gazetteer', () => {
    expect(PROVINCE_SHAPES.map((shape) => shape.id).sort()).toEqual(listProvinces().map((province) => province.id).sort());
    for (const shape of PROVINCE_SHAPES) {
      expect(shape.path).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){2,}Z$/);
      const [x, y] = shape.labelAt;
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
    }
  });
});
