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

describe('Korean nicknames and aliases', () => {
  it.each([
    ['그 형은 별명이 너구리였어요.', '너구리'],
    ['중국 이름은 샤오펑이었어요.', '샤오펑'],
    ['가명은 김은별이고 본명은 몰라요.', '김은별'],
    ['키가 큰 애는 "전봇대"였고 제일 어린 애는 \'병아리\'라고 했어요.', '전봇대'],
    ['감방에서 제일 나이 많은 할머니는 "왕언니", 우리는 그렇게 불렀어요.', '왕언니'],
  ])('finds the nickname in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('finds a nickname again where it is repeated bare', () => {
    const text = '별명이 너구리였어요. 너구리는 밤마다 강가에 나갔어요.';
    expect(found(text, 'PERSON')).toEqual(['너구리', '너구리']);
  });
  it('takes no word after 이름 that is no name', () => {
    expect(found('이름은 끝내 몰랐어요. 이름이 뭐였어요? 그 브로커 이름 기억나세요?', 'PERSON')).toEqual([]);
    expect(found('별명이 뭐였는지는 생각이 안 나요. 아주머니는 "괜찮다"고만 했어요.', 'PERSON')).toEqual([]);
  });
});

describe('Chinese people and places written in Korean or in characters', () => {
  it.each([
    ['식당 주방장 쑹 사장이 받아 줬어요.', '쑹'],
    ['그 집 궈 씨가 문을 열어 줬어요.', '궈'],
    ['대사관에서 민 영사님을 만났어요.', '민'],
    ['The man I had to find was 쟈오펑.', '쟈오펑'],
  ])('finds the person in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it.each([
    ['We stayed in 琿春 for a week.', '琿春'],
    ['Her card said 汪清县.', '汪清县'],
    ['고향은 咸镜北道 茂山郡이에요.', '茂山郡'],
    ['그 뒤 흑룡강성 가목사까지 갔어요.', '가목사'],
    ['쿤밍에서 징홍으로 내려갔어요.', '징홍'],
    ['라오스 퐁살리 쪽 산길이었어요.', '퐁살리'],
  ])('finds the place in %s', (text, place) => {
    expect(found(text, 'PLACE')).toContain(place);
  });
  it('does not read a place in characters as a name, nor a common word that is also a town as a place', () => {
    expect(found('We stayed in 延吉.', 'PERSON')).toEqual([]);
    expect(found('백성들은 소주를 마시고 요양원에서 쉬었어요.', 'PLACE')).toEqual([]);
  });
  it('takes a Korean age word after a kinship word for an age, not a foreign name', () => {
    expect(found('큰어머니는 쉰넷이었어요.', 'AGE')).toEqual(['쉰넷']);
  });
});

describe('Korean facilities with a place that is also a word, and named restaurants', () => {
  it('finds the facility when the place word stands before it', () => {
    expect(found('저는 통화 노동단련대에 있었어요.', 'FACILITY')).toEqual(['통화 노동단련대']);
    expect(found('일하던 곳은 은하식당이었어요.', 'FACILITY')).toEqual(['은하식당']);
  });
  it('takes no facility for a generic restaurant or an ambiguous word alone', () => {
    expect(found('학교식당에서 밥을 먹고 그 식당 주인한테 통화를 했어요.')).toEqual([]);
  });
});

describe('second round: names after renaming, one-syllable nicknames, familiar names in characters', () => {
  it.each([
    ['한국에 와서 이름을 한가람으로 바꿨어요.', '한가람'],
    ['감방장은 범이라고 불리던 여자였어요.', '범'],
    ['거기서 아빠이라는 브로커를 만났어요.', '아빠이'],
    ['중국 쪽 사람은 小刘, 다들 그렇게 불렀어요.', '小刘'],
    ['우리는 그 사람을 "최 영감"이라고 불렀어요.', '최'],
    ['경찰서에서 분미라는 경찰이 우리를 맞았어요.', '분미'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('takes no name where 이름 is not being changed, and no kinship word alone', () => {
    expect(found('이름을 함부로 부르지 마세요. 아빠라는 사람이 그럴 수 있어요?', 'PERSON')).toEqual([]);
  });
});

describe('second round in English: quoted nicknames after an object, Western given names, second guesses at an age', () => {
  it.each([
    ['The women called the old guard "Iron Jaw".', 'Iron Jaw'],
    ['He was nicknamed The Owl.', 'Owl'],
    ['Our contact in Seoul was Grace Moon.', 'Grace Moon'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('does not take a place or an English word before a surname for a given name', () => {
    expect(found('In Seoul Kim waited. On Tuesday Park called.', 'PERSON')).toEqual([]);
  });
  it.each([
    ['I was about eighteen, maybe nineteen.', ['eighteen', 'nineteen']],
    ['She beat Ok-hwa, a girl of twelve, every day.', ['twelve']],
  ])('finds every age in %s', (text, ages) => {
    expect(found(text, 'AGE')).toEqual(ages);
  });
  it('does not take "a man of his word" or a count after "maybe" for an age', () => {
    expect(found('He was a man of his word. I was there twenty, maybe thirty days.', 'AGE')).toEqual([]);
  });
  it('finds a prisoner number after "my number", and leaves a phone number to the phone rule', () => {
    expect(found('They called me by my number, 1162, never my name.', 'ID')).toEqual(['1162']);
    expect(found('My number is 010-2231-4456.', 'ID')).toEqual([]);
  });
  it('finds a Korean numbered holding place with its town', () => {
    expect(found('저는 청진 9.27 상무에 잡혀 들어갔어요.', 'FACILITY')).toEqual(['청진 9.27 상무']);
  });
});

describe('frequent Korean nouns are not names', () => {
  it.each(['결혼', '결정', '운동', '질문', '준비', '행동', '훈련', '사회', '음식', '통일', '책임', '직원'])('does not take %s after a kinship word or as a topic for a name', (noun) => {
    const object = /[\uac00-\ud7a3]/.test(noun) && (noun.charCodeAt(noun.length - 1) - 0xac00) % 28 !== 0 ? '이' : '가';
    expect(found(`동생 ${noun} 이야기를 했어요. 친구 ${noun}${object} 중요했어요.`, 'PERSON')).toEqual([]);
  });
  it('still finds a given name after a kinship word', () => {
    expect(found('동생 은별이 이야기를 했어요.', 'PERSON')).toEqual(['은별']);
  });
});

describe('third round: ages by decade and in Sino-Korean, ages after kin words, villages, camps after their name', () => {
  it.each([
    ['그때 제가 열아홉 때였어요.', '열아홉'],
    ['이십이 세에 결혼했어요.', '이십이 세'],
    ['그 남자는 40대 후반이었어요.', '40대 후반'],
    ['삼십대 여자 두 명이 있었어요.', '삼십대'],
  ])('finds the Korean age in %s', (text, age) => {
    expect(found(text, 'AGE')).toContain(age);
  });
  it('does not take a presidency, a decade of years or generations for an age', () => {
    expect(found('제20대 대통령 때였어요. 3대가 같이 살았어요. 스물다섯 명이 왔어요.', 'AGE')).toEqual([]);
  });
  it.each([
    ['My son, 7, and my daughter, 4, stayed behind.', ['7', '4']],
    ['A woman around sixty opened the door.', ['sixty']],
  ])('finds the English ages in %s', (text, ages) => {
    expect(found(text, 'AGE')).toEqual(ages);
  });
  it('does not take a distance after a person word for an age', () => {
    expect(found('A man about 200 metres away shouted.', 'AGE')).toEqual([]);
  });
  it.each([
    ['We hid in Nanping Cun for a month.', 'Nanping Cun'],
    ['The boat left from Ban Sop Ruak at night.', 'Ban Sop Ruak'],
  ])('finds the village in %s', (text, place) => {
    expect(found(text, 'PLACE')).toContain(place);
  });
  it('finds a camp with its generic word, and the family a surname names', () => {
    expect(found('He died in the Yodok camp.', 'FACILITY')).toEqual(['Yodok camp']);
    expect(found('The Pak family hid us for a week.', 'PERSON')).toEqual(['Pak']);
    expect(found('They ban phones. Family was everything.')).toEqual([]);
  });
  it('finds a plain messenger ID only after an explicit ID word', () => {
    expect(found('Line ID: morningstar. WeChat is useful.', 'CONTACT')).toEqual(['morningstar']);
  });
});

describe('fourth round: villages in two words, glued enterprise numbers, surnames with a trade, station names', () => {
  it('finds a village named before 마을, and not a kind of village', () => {
    expect(found('뒷산을 넘으면 버들 마을이 나와요.', 'PLACE')).toEqual(['버들']);
    expect(found('옆 마을, 국경 마을, 우리 마을 사람들이 모였어요. 할머니가 마을에 오셨어요.', 'PLACE')).toEqual([]);
  });
  it('keeps the date or number glued before an enterprise', () => {
    expect(found('아버지는 2.8비날론연합기업소에서 일했어요.', 'FACILITY')).toEqual(['2.8비날론연합기업소']);
  });
  it('marks only the surname of a quoted surname-and-trade nickname', () => {
    expect(found('사람들은 아버지를 "윤 목수"라고 불렀어요.', 'PERSON')).toEqual(['윤']);
  });
  it('finds a name after a police chief', () => {
    expect(found('경찰서장 캄펭이 돈을 요구했어요.', 'PERSON')).toEqual(['캄펭']);
  });
  it('finds a station with a name word in the middle, and keeps a possessive out', () => {
    expect(found('I slept near the Hyesan Youth Station.', 'PLACE')).toEqual(['Hyesan Youth Station']);
    expect(found("I traded at Hoeryong's Nammun Market.", 'PLACE')).toEqual(['Hoeryong', 'Nammun Market']);
  });
});

describe('fifth round: names joined after plural kin words, facilities after two-word places, a person from a place', () => {
  it('finds both names after "my brothers"', () => {
    expect(found('My brothers Chol and Nam stayed behind.', 'PERSON')).toEqual(['Chol', 'Nam']);
    expect(found('My brothers and sisters stayed behind.', 'PERSON')).toEqual([]);
  });
  it('finds a facility in lower case after a place of two words', () => {
    expect(found('We were held in the Chiang Khong immigration jail.', 'FACILITY')).toEqual(['Chiang Khong immigration jail']);
  });
  it('finds a name after "<place> 사람"', () => {
    expect(found('사간 사람은 산동 사람 리우였대요.', 'PERSON')).toEqual(['리우']);
    expect(found('회령 사람 누구나 알아요. 혜산 사람 말로는 그래요.', 'PERSON')).toEqual([]);
  });
});

describe('sixth round: streets of Chinese cities, ambiguous places before 쪽, surname + 가, teasing nicknames', () => {
  it('finds a street after its city only with a place particle', () => {
    expect(found('연길시 신흥가에 살았어요.', 'PLACE')).toEqual(['연길시', '신흥가']);
    expect(found('회령 할머니가 오셨어요. 청진 동무가 왔어요.', 'PLACE')).toEqual(['회령', '청진']);
  });
  it('finds a town that is also a word before 쪽, and leaves the word alone elsewhere', () => {
    expect(found('그 언니가 위해 쪽 공장을 소개했어요.', 'PLACE')).toEqual(['위해']);
    expect(found('가족을 위해 일했어요.', 'PLACE')).toEqual([]);
  });
  it('finds a surname with 가 before 성, and a nickname one was teased with', () => {
    expect(found('감방에는 안가 성을 가진 할머니가 있었어요.', 'PERSON')).toEqual(['안']);
    expect(found('아이들은 저를 "숙주"라고 놀렸어요.', 'PERSON')).toEqual(['숙주']);
  });
  it('finds a name after "his assistant," and an age before 이실', () => {
    expect(found('His assistant, Somsak, translated.', 'PERSON')).toEqual(['Somsak']);
    expect(found('지금은 여든셋이실 거예요.', 'AGE')).toEqual(['여든셋']);
  });
});

describe('phone and passport numbers in less usual shapes', () => {
  it('finds bare digits after a word that announces a phone number', () => {
    expect(found('Call 5551234567 after dark. 번호는 7789123456이에요.').length).toBe(2);
    expect(found('Call 5551234567 after dark.', 'CONTACT')).toEqual(['5551234567']);
    expect(found('I called 3 times. Call 112 now.', 'CONTACT')).toEqual([]);
  });
  it('finds passport numbers with spaces or hyphens after "passport" or 여권', () => {
    expect(found('Passport No. PE 4471902, issued in Beijing.', 'ID')).toEqual(['PE 4471902']);
    expect(found('제 여권번호는 M 1234 5678이에요.', 'ID')).toEqual(['M 1234 5678']);
    expect(found('My passport was taken in 2015.', 'ID')).toEqual([]);
  });
});

describe('approximate, elliptical and answered ages (dev6 round)', () => {
  it('finds an age given roughly, and not a rough count', () => {
    expect(found('She was seventy-something when I left.', 'AGE')).toEqual(['seventy-something']);
    expect(found('He was forty-odd by then.', 'AGE')).toEqual(['forty-odd']);
    expect(found('There were forty-odd people in the truck.', 'AGE')).toEqual([]);
  });
  it('finds a guessed age after a person and a comma, not a guessed count', () => {
    expect(found('The guard was a man named Pyon, about fifty. He shouted.', 'AGE')).toEqual(['fifty']);
    expect(found('We walked for hours, about forty. Then we rested.', 'AGE')).toEqual([]);
    expect(found('There were many of us, about thirty people.', 'AGE')).toEqual([]);
  });
  it('finds an age guessed from looks', () => {
    expect(found('The broker looked about sixty.', 'AGE')).toEqual(['sixty']);
    expect(found('It looked like rain.', 'AGE')).toEqual([]);
  });
  it('finds an age after a kin word when the verb is left out', () => {
    expect(found('I was thirty, my son six.', 'AGE')).toEqual(['thirty', 'six']);
    expect(found('My son one day asked me why.', 'AGE')).toEqual([]);
  });
  it('finds "have N years" as an age in the English of a Korean speaker, not a duration', () => {
    expect(found('when she have 15 years, she go to work', 'AGE')).toEqual(['15 years']);
    expect(found('We stayed 15 years in China.', 'AGE')).toEqual([]);
    expect(found('I had 3 years of school.', 'AGE')).toEqual([]);
  });
  it('finds a bare number answering a question about age, and not one answering another question', () => {
    expect(found('Q: How old was your sister?\nA: Fourteen.', 'AGE')).toEqual(['Fourteen']);
    expect(found('Q: How many of you crossed?\nA: Fourteen.', 'AGE')).toEqual([]);
  });
});

describe('dates written as a day of a month, dotted, or by the lunar calendar (dev6 round)', () => {
  it('finds a day of a month with its year, without "the"', () => {
    expect(found('He died on the 3rd of June, 1997, at home.', 'DATE')).toEqual(['3rd of June, 1997']);
    expect(found('Most of them were gone.', 'DATE')).toEqual([]);
  });
  it('finds a spaced dotted date with its closing dot, and a year and month with a dot', () => {
    expect(found('생년월일: 1984. 11. 7. 출생', 'DATE')).toEqual(['1984. 11. 7.']);
    expect(found('그게 2009.3이었어요.', 'DATE')).toEqual(['2009.3']);
    expect(found('환율이 2014.5 정도였어요.', 'DATE')).not.toContain('2014.5');
  });
  it('finds a lunar date with its year and day, and not the word 음력 alone', () => {
    expect(found('저는 1977년 음력 9월 초사흘에 났어요.', 'DATE')).toEqual(['1977년 음력 9월 초사흘']);
    expect(found('음력으로 쇠는 명절이에요.', 'DATE')).toEqual([]);
  });
});

describe('record numbers a few words after their label (dev6 round)', () => {
  it('finds the number and not a word', () => {
    expect(found('My file number with the police was 2019-KP-0071.', 'ID')).toEqual(['2019-KP-0071']);
    expect(found('My case number at the ministry was never given.', 'ID')).toEqual([]);
  });
});

describe('names in forms, spelled out, split by a line break, and nicknames put first (dev6 round)', () => {
  it('finds a name after a form label, and not speech after a transcript speaker', () => {
    expect(found('가족 관계\n본인: 설명구, 1981년생\n- 누나: 설향란 (사망)', 'PERSON')).toEqual(['설명구', '설향란']);
    expect(found('면담자: 고향이 어디세요?\n본인: 모릅니다', 'PERSON')).toEqual([]);
  });
  it('finds a name spelled syllable by syllable after 함자, and not 자 after other words', () => {
    expect(found('할아버지 함자는 도 자 명 자 환 자셨어요.', 'PERSON')).toEqual(['도', '명', '환']);
    expect(found('남자 자식 두 명, 여자 자식 한 명이었어요.', 'PERSON')).toEqual([]);
  });
  it('finds a name whose surname ends one line and given name starts the next', () => {
    expect(found('그 집 조카 진\n샤오윈이 밥을 해 줬어요.', 'PERSON')).toEqual(['진\n샤오윈']);
    expect(found('그때 한\n번은 강을 건넜어요.', 'PERSON')).toEqual([]);
  });
  it('finds a quoted nickname put before 별명, and not quoted speech', () => {
    expect(found('"깨알"이라는 게 제 별명이었어요.', 'PERSON')).toEqual(['깨알']);
    expect(found('"괜찮다"라는 게 그 사람 말버릇이었어요.', 'PERSON')).toEqual([]);
  });
  it('finds an English nickname put first, and one after "called me" with its punctuation inside the quotes', () => {
    expect(found('"Pebble" was what the guards called me.', 'PERSON')).toEqual(['Pebble']);
    expect(found('The boys called me "Beanpole." Nobody knew why.', 'PERSON')).toEqual(['Beanpole']);
    expect(found('"Enough" was what they said to us.', 'PERSON')).toEqual([]);
  });
  it('finds a one-syllable nickname again where it is used bare, and not a surname before a title', () => {
    expect(found('다들 그 애를 "별"이라고 불렀어요. 별이는 노래를 잘했어요.', 'PERSON')).toEqual(['별', '별']);
    expect(found('최 과장이 왔어요. 최가 누군지 아무도 몰랐어요.', 'PERSON')).toEqual(['최']);
  });
});

describe('facilities and places in less usual shapes (dev6 round)', () => {
  it('finds a numbered school after a town in one word, and not a number after another word', () => {
    expect(found('혜산제3고등중학교를 다녔어요.', 'FACILITY')).toEqual(['혜산제3고등중학교']);
    expect(found('우리는제1중학교 얘기를 했어요.', 'FACILITY')).toEqual([]);
  });
  it('finds a Chinese town that is also a word before a verb of staying or going, and leaves the word alone', () => {
    expect(found('그 뒤 통화에서 살았어요. 위해로 팔려 갔어요.', 'PLACE')).toEqual(['통화', '위해']);
    expect(found('한 번 전화 통화를 했어요. 통화 끝나고 울었어요. 가족을 위해 일했어요.', 'PLACE')).toEqual([]);
  });
  it('finds a lower-case guard post, station or market after a name, and not after an English word', () => {
    expect(found('We bribed the Samsu border guard post with cigarettes.', 'FACILITY')).toEqual(['Samsu border guard post']);
    expect(found('She sold shoes in Pongsu market for years.', 'PLACE')).toEqual(['Pongsu']);
    expect(found('Every morning the Sunday market opened. The Police station was closed.').length).toBe(0);
  });
  it('finds a named hotel or safety agency, without the ordinary words before it', () => {
    expect(found('We hid in the Jinda Hotel near the river.', 'FACILITY')).toEqual(['Jinda Hotel']);
    expect(found('The Safety Agency of Musan took him.', 'FACILITY')).toEqual([]);
  });
  it("extends a facility over its own detention centre", () => {
    expect(found('They held me in the Hoeryong City Security Department detention centre for a month.', 'FACILITY')).toEqual(['Hoeryong City Security Department detention centre']);
  });
});

describe('short forms, brackets and mixed scripts (dev8 round)', () => {
  it('finds abbreviated and contracted ages, and not counts or times', () => {
    expect(found('I was 16 y/o then. He was nineteen years of age.', 'AGE')).toEqual(['16 y/o', 'nineteen years of age']);
    expect(found("She's forty-two now. You were only 9.", 'AGE')).toEqual(['forty-two', '9']);
    expect(found("He's one of us. She's 5 minutes late. It's 12 km away.", 'AGE')).toEqual([]);
  });
  it('finds an age in brackets right after a name, and not a bracketed count after another word', () => {
    expect(found('Accomplice: KANG Tae-sik (52), a farmer.', 'AGE')).toEqual(['52']);
    expect(found('The families (12) were sent away.', 'AGE')).toEqual([]);
  });
  it('finds an age word after 만 or ending a clause after a topic, and not a count', () => {
    expect(found('그 군관은 만 스물도 안 돼 보였어요.', 'AGE')).toEqual(['스물']);
    expect(found('큰애는 열넷, 작은애는 열.', 'AGE')).toEqual(['열넷', '열']);
    expect(found('만 열 명이 모였어요.', 'AGE')).toEqual([]);
  });
  it('finds a two-digit year with a leading zero, and not a count of years', () => {
    expect(found('03년에 떠났어요.', 'DATE')).toEqual(['03년']);
    expect(found('거기서 3년 동안 살았어요. 03년 동안이라는 말은 없어요.', 'DATE')).toEqual([]);
  });
  it("finds a short year with an apostrophe in a timeline or after a preposition, and not a quotation", () => {
    expect(found("- '03: we moved to the border.\nWe left in '05.", 'DATE')).toEqual(["'03", "'05"]);
    expect(found("He said '12 people' and laughed.", 'DATE')).toEqual([]);
  });
  it('finds a prisoner number given as "hers was", and not a count', () => {
    expect(found('Numbers were painted on our backs; mine was 2203.', 'ID')).toEqual(['2203']);
    expect(found('The numbers grew; ours was larger.', 'ID')).toEqual([]);
  });
  it('finds a numbered work unit without a place, and not a number before another word', () => {
    expect(found('우리는 제5임산작업소에서 일했어요.', 'FACILITY')).toEqual(['제5임산작업소']);
    expect(found('제3장을 읽었어요.', 'FACILITY')).toEqual([]);
  });
  it('finds a Latin-script place before a Korean particle and a name before 라는, and not a country', () => {
    expect(found('동생은 지금 Winnipeg에 살아요. Kanya라는 사람이 도와줬어요.')).toEqual(['Winnipeg', 'Kanya']);
    expect(found('China에서 Russia로 갔어요.')).toEqual([]);
  });
  it('finds a name placed in a country, and a surname after a lower-case title', () => {
    expect(found('We cut timber near Chegdomyn in Russia.', 'PLACE')).toEqual(['Chegdomyn']);
    expect(found('the boss, miss Quan, is kind. mr Ryu drive the car.', 'PERSON')).toEqual(['Quan', 'Ryu']);
    expect(found('I miss Mother so much.', 'PERSON')).toEqual([]);
  });
  it('finds a given name before a kin title with any particle, and not a common word', () => {
    expect(found('영자 언니랑 둘이 갔어요.', 'PERSON')).toEqual(['영자']);
    expect(found('동네 언니랑 친구 오빠하고 갔어요.', 'PERSON')).toEqual([]);
  });
});

describe('answers, copulas and callers (dev9 round)', () => {
  it('finds a Latin-script name before a Korean copula, and not a country', () => {
    expect(found('이름은 Dorji인데 다들 형이라고 했어요.', 'PERSON')).toEqual(['Dorji']);
    expect(found('거기가 China인데 말이 안 통했어요.')).toEqual([]);
  });
  it('finds a surname with 가 before a copula, and not a pronoun', () => {
    expect(found('작업반장은 추가였어요.', 'PERSON')).toEqual(['추']);
    expect(found('그건 제가였어요. 누가라고 했어요?', 'PERSON')).toEqual([]);
  });
  it('finds a quoted name put before who called it', () => {
    expect(found('"Little Fox," the guards called him.', 'PERSON')).toEqual(['Little Fox']);
    expect(found('"Hurry," the broker told us.', 'PERSON')).toEqual([]);
  });
  it('finds a bare name answering a question about a name, and not an answer to another question', () => {
    expect(found('면담자: 남편 이름은?\n증언자: 채명수.', 'PERSON')).toEqual(['채명수']);
    expect(found('Q: What was her name?\nA: Sun-hwa.', 'PERSON')).toEqual(['Sun-hwa']);
    expect(found('Q: Where did you sleep?\nA: Outside.', 'PERSON')).toEqual([]);
  });
  it('finds an age after "a woman near", not a place near something', () => {
    expect(found('The cook was a woman near sixty.', 'AGE')).toEqual(['sixty']);
    expect(found('We lived near fifty families.', 'AGE')).toEqual([]);
  });
  it('takes a lower-case district after its name as the name alone', () => {
    expect(found('She lived in Hamhung, Sapo district.', 'PLACE')).toEqual(['Hamhung', 'Sapo']);
  });
});
