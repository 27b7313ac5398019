/**
 * Kinds of phrasing found in testimony the detector was not tuned on (issue 4): nicknames and aliases,
 * Chinese names and places, first names alone, names in capitals, named sub-places, numbered facilities,
 * unusual contacts and ages without 살. Each kind is tested both ways: it must fire, and what only looks
 * like it must not. The examples are written for these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import type { SpanType } from './types';

function found(text: string, type?: SpanType): string[] {
  return detectSpans(text)
    .filter((span) => type === undefined || span.type === type)
    .map((span) => text.slice(span.start, span.end));
}

describe('English first names alone, after a role and a comma', () => {
  it.each([
    ['A volunteer, Farida, who knew the roads, met us.', 'Farida'],
    ['Another helper, Boonmee, drove the truck.', 'Boonmee'],
    ['An interpreter there, Lan, slipped us bread.', 'Lan'],
    ['We paid a Lao boatman, Khamphet, who knew the river.', 'Khamphet'],
    ['One peddler, Xiaoling, said she could help.', 'Xiaoling'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('does not take an ordinary word after a role for a name', () => {
    expect(found('A volunteer, however, said no. The driver, Chinese by birth, waited.', 'PERSON')).toEqual([]);
  });
});

describe('names after "the name", "call me" and other ways of being called', () => {
  it.each([
    ['I knew him only by the name Tolya; nobody knew more.', 'Tolya'],
    ['"Just call me Bora," the woman said.', 'Bora'],
    ['His partner went by Little Bear.', 'Little Bear'],
    ['The smuggler we called Uncle Nine took the money.', 'Uncle Nine'],
    ['a driver she called Mr. Vong.', 'Vong'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('keeps a personal name after a church title apart from its title, and takes no leader or title alone', () => {
    expect(found('We called him Brother Samuel.', 'PERSON')).toEqual(['Samuel']);
    expect(found('They called Mr. the next day. It is called by the name Kim Jong Un.', 'PERSON')).toEqual([]);
  });
});

describe('names in capitals and given name first in pinyin', () => {
  it.each([
    ['The passport read LIU XIAOFANG, not my name.', 'LIU XIAOFANG'],
    ['A tag said PAK SONG-CHOL on his coat.', 'PAK SONG-CHOL'],
    ['The officer called out Xiaofang Liu twice.', 'Xiaofang Liu'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('does not read shouted English or a place in capitals as a name', () => {
    expect(found('KIM SAID NO. THE LEE FAMILY. WE WENT TO SEOUL.', 'PERSON')).toEqual([]);
    expect(found('We flew from Shanghai Wang airline? No, from Hong Kong.', 'PERSON')).toEqual([]);
  });
});

describe('named sub-places and numbered facilities in English', () => {
  it.each([
    ['She sold squid in Hunchun East Market for a year.', 'Hunchun East Market'],
    ['We waited outside Dandong Railway Station.', 'Dandong Railway Station'],
  ])('finds the place in %s', (text, place) => {
    expect(found(text, 'PLACE')).toContain(place);
  });
  it.each([
    ['He was in Unit 25-7 for ten years.', 'Unit 25-7'],
    ['Street children were kept in the 9.27 camp.', '9.27 camp'],
    ['She was moved to Camp No. 18-2.', 'Camp No. 18-2'],
  ])('finds the facility in %s', (text, facility) => {
    expect(found(text, 'FACILITY')).toContain(facility);
  });
  it('does not take a market or station without a name, or a decimal number, for one', () => {
    expect(found('The West Market was closed. Prices rose 2.5 percent at the market.')).toEqual([]);
  });
});

describe('contacts and ages in less usual shapes', () => {
  it('finds a handle with its @, and not the @ inside an e-mail address', () => {
    const text = 'On Telegram I am @river_crossing77; mail me at sun.ok@example.org.';
    expect(found(text, 'CONTACT')).toEqual(['@river_crossing77', 'sun.ok@example.org']);
  });
  it.each([
    ['올해 마흔일곱이요.', '마흔일곱'],
    ['어머니는 올해 여든하나세요.', '여든하나'],
    ['스물셋부터 서른까지 거기 살았어요.', '스물셋'],
  ])('finds the Korean age without 살 in %s', (text, age) => {
    expect(found(text, 'AGE')).toContain(age);
  });
  it('does not take counting for an age', () => {
    expect(found('하나, 둘, 셋까지 세고 뛰었어요. 열까지 세요.', 'AGE')).toEqual([]);
  });
  it('marks the decade of life itself, not the words before it', () => {
    expect(found('A woman in her early forties hid us.', 'AGE')).toEqual(['early forties']);
  });
});
