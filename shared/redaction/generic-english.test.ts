/**
 * The English recognisers by kind of evidence (generic-english.ts and its parts), both ways: each
 * kind must fire on fresh names it was not written from, and must not fire on ordinary capitalised
 * English (sentence starts, months, Party, Korea, God, Mother as a common noun, national bodies).
 */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function surfaces(text: string, type?: string): string[] {
  return detectSpans(text)
    .filter((span) => type === undefined || span.type === type)
    .map((span) => text.slice(span.start, span.end));
}

describe('titles before surnames and names (generic-titled-names.ts)', () => {
  it.each([
    ['Deputy Ryang asked me again.', 'Ryang'],
    ['Prosecutor Wi read out the charge.', 'Wi'],
    ['Headmaster Ok retired that spring.', 'Ok'],
    ['Deputy Director Mun Chol-ho took notes.', 'Mun Chol-ho'],
    ['Deputy Prasert came at noon.', 'Prasert'],
    ['Lt. Somboon Chaiyaporn wrote our names down.', 'Somboon Chaiyaporn'],
    ['Pol. Maj. Gen. Thawatchai Boonma ran the district.', 'Thawatchai Boonma'],
  ])('finds the person in %s', (text, name) => {
    expect(surfaces(text, 'PERSON')).toContain(name);
  });
  it.each([
    ['Deputy Minister arrived late.'],
    ['Inspector General visited the camp.'],
    ['Director In 2005 the plan changed.'],
    ['Mother cried when I left. Teacher said nothing.'],
    ['Deputy March was not a name.'],
  ])('finds no person in %s', (text) => {
    expect(surfaces(text, 'PERSON')).toEqual([]);
  });
});

describe('nicknames by the way they are given (generic-english-nicknames.ts)', () => {
  it('takes a quoted nickname after a naming verb and its later bare uses', () => {
    const text = 'The cooks called the man at the gate "Iron Jaw". Iron Jaw never smiled.';
    expect(surfaces(text, 'PERSON')).toEqual(['Iron Jaw', 'Iron Jaw']);
  });
  it('takes an unquoted capitalised nickname after "nicknamed him", without a title before it', () => {
    expect(surfaces('Everyone nicknamed him Stone Face.', 'PERSON')).toEqual(['Stone Face']);
    expect(surfaces('The children called him Grandfather Chestnut.', 'PERSON')).toEqual(['Chestnut']);
  });
  it('takes a quoted familiar phrase ending in a surname whole', () => {
    expect(surfaces('No, that was "Old Uncle Pyon", the cheap one.', 'PERSON')).toEqual(['Old Uncle Pyon']);
  });
  it('takes a romanised nickname and its Hangul when one spells the other', () => {
    expect(surfaces('그때 Kkomaengi (꼬맹이)라고 불렸어요.', 'PERSON')).toEqual(expect.arrayContaining(['Kkomaengi', '꼬맹이']));
  });
  it("takes the Korean of a nickname from a translator's note after it", () => {
    expect(surfaces('We called her "Hedgehog" [T/N: in Korean 고슴도치] because she was prickly.', 'PERSON')).toEqual(expect.arrayContaining(['Hedgehog', '고슴도치']));
  });
  it('types a named place to stay as a facility', () => {
    expect(surfaces('We slept in a shelter called the House of Mercy.', 'FACILITY')).toEqual(['House of Mercy']);
  });
  it.each([
    ['They called it Chollima speed.'],
    ['I called the police. The next day we left.'],
    ['In Korean the market is called jangmadang (장마당).'],
  ])('finds no nickname in %s', (text) => {
    expect(surfaces(text, 'PERSON')).toEqual([]);
  });
});

describe('layout of messages and paperwork (generic-frames.ts)', () => {
  it('takes speakers after time stamps and repeated speaker labels, not role labels', () => {
    const text = '[09:12] Bright: are you in Yanji?\n[09:13] Morning Star: not yet\nQ: who were they?\nA: friends';
    expect(surfaces(text, 'PERSON')).toEqual(['Bright', 'Morning Star']);
  });
  it('takes a Hangul speaker label shaped as a name, not a form label', () => {
    expect(surfaces('미선: 언니 어디야?\n원문: 저는 왔어요.', 'PERSON')).toEqual(['미선']);
  });
  it('takes names from e-mail headers, greetings and sign-offs', () => {
    const text = 'To: Margaret Hollis\nSubject: visit\n\nHi Tomasz,\nThe family arrived safely.\nKind regards,\nIngrid';
    expect(surfaces(text, 'PERSON')).toEqual(['Margaret Hollis', 'Tomasz', 'Ingrid']);
  });
  it('takes a name before an age in commas, and the age', () => {
    expect(surfaces('Yeon, 27, who asked that her full name not be used, left in spring.')).toEqual(['Yeon', '27']);
  });
  it('takes an age beside sex in a case note', () => {
    expect(surfaces('Client (M, 58) arrived alone.', 'AGE')).toEqual(['58']);
  });
  it.each([
    ['Dear Sir,\nWe write about the case.'],
    ['Best,\nThe Team'],
    ['Note: the file is closed.\nSummary: none.'],
    ['In March, 12, maybe 13, people crossed.'],
  ])('finds no person in %s', (text) => {
    expect(surfaces(text, 'PERSON')).toEqual([]);
  });
});

describe('facilities and places by head noun (generic-english-facilities.ts)', () => {
  it.each([
    ['She now volunteers at the Lantern Women\'s Shelter in Busan.', 'Lantern Women\'s Shelter'],
    ['He prayed at Shiloh Mission House every night.', 'Shiloh Mission House'],
    ['I packed boxes for Hanbit Logistics Co., Ltd. in Incheon.', 'Hanbit Logistics Co., Ltd.'],
    ['My father reported to the Kapsan County People\'s Committee.', 'Kapsan County People\'s Committee'],
    ['Two men from the Musan County Ministry of State Security came.', 'Musan County Ministry of State Security'],
    ['She taught at Chongjin University of Education.', 'Chongjin University of Education'],
    ['I was a welder at Factory No. 38.', 'Factory No. 38'],
  ])('finds the facility in %s', (text, facility) => {
    expect(surfaces(text, 'FACILITY')).toContain(facility);
  });
  it('finds a street and a market named inside a sentence', () => {
    expect(surfaces('Her stall was on Dongshi Avenue, near the Central Market.', 'PLACE')).toEqual(['Dongshi Avenue', 'Central Market']);
  });
  it.each([
    ['The Central Committee decided it.'],
    ['The Ministry of State Security came for him.'],
    ['The Korean People\'s Army marched.'],
    ['Church was where we felt safe.'],
    ['Our Women\'s Shelter opened.'],
  ])('finds no facility in %s', (text) => {
    expect(surfaces(text, 'FACILITY')).toEqual([]);
  });
});

describe('dates, ages and IDs by the words around a number (generic-english-numbers.ts)', () => {
  it.each([
    ['We crossed on the night of 11/23/2008, in the rain.', 'DATE', 'night of 11/23/2008'],
    ['That was in \'99, I think.', 'DATE', "'99"],
    ['A boy of about twelve carried the bags.', 'AGE', 'twelve'],
    ['My niece is nineteen now.', 'AGE', 'nineteen'],
    ['On his sleeve was a number, 30-442.', 'ID', '30-442'],
  ])('finds it in %s', (text, type, value) => {
    expect(surfaces(text, type)).toContain(value);
  });
  it.each([
    ['He said \'12 people\' came.', 'DATE'],
    ['There were about twenty now and then.', 'AGE'],
    ['A group of maybe thirty people waited.', 'AGE'],
  ])('finds nothing in %s', (text, type) => {
    expect(surfaces(text, type)).toEqual([]);
  });
});

describe('a town after a word of place relation (generic-english-places.ts)', () => {
  it('finds the town', () => {
    expect(surfaces('We hid below Sinpyong for a night, then walked north of Kumdok.', 'PLACE')).toEqual(['Sinpyong', 'Kumdok']);
  });
  it('finds no town in countries, people, rivers and feasts', () => {
    expect(surfaces('Outside Korea nobody knew. We sat near Kim, close to Christmas, towards God, near Tumen River.', 'PLACE').filter((p) => p !== 'Tumen')).toEqual([]);
  });
});

describe('a Latin name inside Korean (generic-english-nicknames.ts)', () => {
  it('finds the name before a quotative or a title', () => {
    expect(surfaces('그 여자는 자기를 Grace라고 했어요. Bruno 아저씨가 도와줬어요.', 'PERSON')).toEqual(['Grace', 'Bruno']);
  });
  it('takes no ordinary English word for a name', () => {
    expect(surfaces('The 라고 했어요. Yes 씨라고요?', 'PERSON')).toEqual([]);
  });
});

describe('cities abroad and short province names (generic-english-places.ts)', () => {
  it('finds resettlement cities and a province without its head word', () => {
    expect(surfaces('We moved from Kingston upon Thames to Leeds; my aunt stayed in South Hamgyong.', 'PLACE')).toEqual(['Kingston upon Thames', 'Leeds', 'South Hamgyong']);
  });
  it('finds no place in ordinary words', () => {
    expect(surfaces('Reading was hard. North of the river it was cold.', 'PLACE')).toEqual([]);
  });
});

describe('the surname alone of a person named in full (generic-surname-repeats.ts)', () => {
  it('finds the surname again, not inside another name', () => {
    const text = 'Our broker was Jin Haoyu. Jin had a van. Later Kim Jong Un spoke; Jin Meilan is his niece.';
    expect(surfaces(text, 'PERSON')).toEqual(['Jin Haoyu', 'Jin', 'Jin Meilan']);
  });
  it('finds a pinyin surname with ü alone again', () => {
    expect(surfaces('Her husband was Lü Guofeng. Lü kept pigs.', 'PERSON')).toEqual(['Lü Guofeng', 'Lü']);
  });
  it('never repeats a surname that is an English word', () => {
    expect(surfaces('My aunt So Yong-hui came. So we left.', 'PERSON')).toEqual(['So Yong-hui']);
  });
});
