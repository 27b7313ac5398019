import { describe, expect, it } from 'vitest';
import { ko } from './ko';
import { en } from './en';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n catalogues', () => {
  it('have the same keys in Korean and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
  });

  it('use the same placeholders in both languages, and no message is empty', () => {
    for (const key of Object.keys(ko) as Array<keyof typeof ko>) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]));
      expect(ko[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });

  it('are Korean where they say Korean', () => {
    const hangul = /[\uac00-\ud7a3]/;
    const untranslated = (Object.keys(ko) as Array<keyof typeof ko>).filter((key) => !hangul.test(ko[key]) && ko[key] === en[key] && !/^\{.*\}/.test(ko[key]));
    expect(untranslated).toEqual([]);
  });
});
