import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import type { SpanType } from './types';

/** Surfaces of detected spans of one type (or of every type). */
function found(text: string, type?: SpanType): string[] {
  return detectSpans(text)
    .filter((span) => type === undefined || span.type === type)
    .map((span) => text.slice(span.start, span.end));
}

/** True when some detected span covers exactly, or contains, `surface`. */
function covers(text: string, surface: string): boolean {
  const at = text.indexOf(surface);
  return detectSpans(text).some((span) => span.start <= at && span.end >= at + surface.length);
}

describe('detectSpans: shape', () => {
  it('returns sorted, non-overlapping spans, each with a score and a reason that does not quote the value', () => {
    const text = '1999년 3월에 회령시에서 박영수 씨를 만났다. 전화 010-1234-5678.';
    const spans = detectSpans(text);
    expect(spans.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    for (const span of spans) {
      expect(span.score).toBeGreaterThan(0);
      expect(span.score).toBeLessThanOrEqual(1);
      expect(span.reason.length).toBeGreaterThan(0);
      expect(span.reason).not.toContain(text.slice(span.start, span.end));
    }
  });
  it('finds nothing in an empty or neutral text', () => {
    expect(detectSpans('')).toEqual([]);
    expect(detectSpans('그날은 비가 많이 왔고 우리는 오래 걸었습니다.')).toEqual([]);
  });
});

describe('Korean names: must fire', () => {
  it.each([
    ['아버지 김영철은 광부였다.', '김영철'],
    ['김영철이었습니다.', '김영철'],
    ['박순희 씨가 도와주었다.', '박순희'],
    ['저는 리명수입니다.', '리명수'],
    ['보위원 최광혁이 조사했다.', '최광혁'],
    ['림춘옥 동무는 반장이었다.', '림춘옥'],
    ['류경애가 먼저 떠났다.', '류경애'],
    ['어머니 로순녀한테 편지를 썼다.', '로순녀'],
    ['남궁태식이라는 사람이 왔다.', '남궁태식'],
    ['황보인철 선생님을 만났다.', '황보인철'],
  ])('finds the full name in %s without its particle or title', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it.each([
    ['최 과장이 돈을 받았다.', '최'],
    ['옆집 방씨 할머니가 도와주셨다.', '방'],
    ['담당 보위원은 남 보위원이었다.', '남'],
    ['리 작업반장이 소식을 전했다.', '리'],
    ['브로커 성 사장이 돈을 세었다.', '성'],
    ['림 집사님이 숨겨 주었다.', '림'],
  ])('finds the surname before a title in %s', (text, surname) => {
    expect(found(text, 'PERSON')).toEqual([surname]);
  });
  it.each([
    ['동생 영남이는 아홉 살이었다.', '영남'],
    ['그때 윤철이가 울었다.', '윤철'],
    ['딸 은실이와 함께 갔다.', '은실'],
    ['친구 말순이는 굶어 죽었다.', '말순'],
    ['혜정이 언니는 식당을 한다.', '혜정'],
    ['경자 할머니가 울었다.', '경자'],
  ])('finds a given name alone in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it.each([
    ['까치라는 브로커가 길을 안내했다.', '까치'],
    ["'빨간모자'라고 불리던 여자가 있었다.", '빨간모자'],
    ['독수리라고 불리던 계호원이 있었다.', '독수리'],
    ['브로커 "대머리"의 도움을 받았다.', '대머리'],
  ])('finds the nickname in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('finds a name again everywhere once it has been found, and its given name', () => {
    expect(found('언니 송미옥은 남았다. 미옥이는 지금도 혜산에 있다. 송미옥한테 편지를 썼다.', 'PERSON')).toEqual(['송미옥', '미옥', '송미옥']);
  });
  it('finds a Chinese name in Hangul and in characters', () => {
    expect(found('한족 농민 왕쥔펑(王俊峰)한테 팔렸다.', 'PERSON')).toEqual(['왕쥔펑', '王俊峰']);
  });
});

describe('Korean: must not fire', () => {
  it.each([
    '한 번 더 가 보았다.',
    '장마당에서 국수를 팔았다.',
    '배를 타고 강을 건넜다.',
    '이번에는 꼭 가겠다고 했다.',
    '정말로 무서웠습니다.',
    '전화로 연락했다.',
    '안에서 문을 잠갔다.',
    '고향에 돌아가고 싶다.',
    '조선족 아주머니가 밥을 주었다.',
    '한국에서 새로 시작했다.',
    '김정일 초상화를 닦았다.',
    '김일성 동상 앞에 섰다.',
    '도 보위부에서 사람이 나왔다.',
    '그 사람이 말했다.',
    '신발도 없이 걸었다.',
    '주민들은 모두 모였다.',
    '우리 동네 사람들이 도와줬다.',
  ])('finds no person in %s', (text) => {
    expect(found(text, 'PERSON')).toEqual([]);
  });
  it('does not take an age difference, a count or a duration for an age or a date', () => {
    expect(found('그 남자는 저보다 스무 살이 많았습니다.', 'AGE')).toEqual([]);
    expect(found('세 사람이 한 번에 건넜고 10년 동안 살았다.')).toEqual([]);
    expect(found('돈 300원과 옥수수 20kg을 받았다.', 'DATE')).toEqual([]);
  });
  it('does not mark countries, great rivers or common words ending like places', () => {
    expect(found('중국과 라오스를 거쳐 두만강을 건넜다.')).toEqual([]);
    expect(found('거리에서 다리를 건너 우리 집으로 갔다. 노동을 했다.', 'PLACE')).toEqual([]);
  });
});

describe('Korean numbers, dates, places, facilities', () => {
  it.each([
    ['그때 저는 스물세 살이었습니다.', '스물세 살'],
    ['동생은 열두 살이었다.', '열두 살'],
    ['딸은 일곱 살이었다.', '일곱 살'],
    ['나이가 마흔여덟이었지.', '마흔여덟'],
    ['아들은 23살이었어요.', '23살'],
    ['당시 35세였다.', '35세'],
  ])('finds the age in %s', (text, age) => {
    expect(found(text, 'AGE')).toEqual([age]);
  });
  it.each([
    ['2011년 3월 5일에 잡혔다.', '2011년 3월 5일'],
    ['2011.3.5에 잡혔다.', '2011.3.5'],
    ['2009년 겨울에 강을 건넜다.', '2009년 겨울'],
    ['1997년 봄부터 배급이 끊겼다.', '1997년 봄'],
    ['97년도에 교화소에 갔다.', '97년도'],
    ['2015년경 조사를 받았다.', '2015년경'], // the hedge belongs to the date (kperson-numbers.ts)
  ])('finds the date in %s', (text, date) => {
    expect(found(text, 'DATE')).toEqual([date]);
  });
  it('finds gazetteer places with suffixes, particles and North/South spellings', () => {
    expect(found('함경북도 회령시에서 태어났다.', 'PLACE')).toEqual(['함경북도', '회령시']);
    expect(found('양강도 혜산으로 갔다.', 'PLACE')).toEqual(['양강도', '혜산']);
    expect(found('량강도에서 왔다.', 'PLACE')).toEqual(['량강도']);
    expect(found('연길에서 도문까지 걸었다.', 'PLACE')).toEqual(['연길', '도문']);
  });
  it('finds villages, neighbourhoods, stations and markets by their suffix', () => {
    expect(found('무산군 샘물리에 살았다.', 'PLACE')).toEqual(['무산군', '샘물리']);
    expect(found('청진시 새날동에서 장사를 했다.', 'PLACE')).toEqual(['청진시', '새날동']);
    expect(found('고원역에서 기차를 갈아탔다.', 'PLACE')).toEqual(['고원역']);
    expect(found('회령시장에서 두부를 팔았다.', 'PLACE')).toEqual(['회령시장']);
  });
  it.each([
    ['무산군 보위부 구류장에 갇혔다.', '무산군 보위부 구류장'],
    ['그 뒤 16호 관리소로 보내졌다.', '16호 관리소'],
    ['요덕 15호 관리소에서 3년을 살았다.', '요덕 15호 관리소'],
    ['개천 1호 교화소에 있었다.', '개천 1호 교화소'],
    ['전거리 교화소에 있었다.', '전거리 교화소'],
    ['제315군부대에서 복무했다.', '제315군부대'],
    ['신의주 집결소로 넘겨졌다.', '신의주 집결소'],
    ['회령시 보위부에 불려 갔다.', '회령시 보위부'],
    ['김책제철연합기업소에서 일했다.', '김책제철연합기업소'],
    ['온성군 로동단련대에서 석 달 있었다.', '온성군 로동단련대'],
  ])('finds the facility in %s, with its place word inside it', (text, facility) => {
    expect(found(text, 'FACILITY')).toEqual([facility]);
    expect(found(text, 'PLACE')).toEqual([]);
  });
  it('does not mark an institution without a place', () => {
    expect(found('보위부에 끌려갔고 교화소에서 나왔다.', 'FACILITY')).toEqual([]);
  });
});

describe('English', () => {
  it.each([
    ['Mr. Pak took our money.', 'Pak'],
    ['My father, Kim Young-chul, was a miner.', 'Kim Young-chul'],
    ['Kim Yong Chol signed the statement.', 'Kim Yong Chol'],
    ['Yong-chol Kim was the guard.', 'Yong-chol Kim'],
    ['Pak Sun-hui helped us.', 'Pak Sun-hui'],
    ['A guard known only as Sergeant Cho ran the cells.', 'Cho'],
    ['a broker called "Big Brother" met us', 'Big Brother'],
    ['My sister Chol-ok stayed behind.', 'Chol-ok'],
    ['She was sold to a farmer, Zhang Dequan.', 'Zhang Dequan'],
    ['We called him Stumpy.', 'Stumpy'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('finds the romanised name in every order and spelling, and again by its given name', () => {
    const text = 'Kim Young-chul, also written Kim Yong Chol and Yong-chol Kim. Later Yong-chol said no.';
    for (const name of ['Kim Young-chul', 'Kim Yong Chol', 'Yong-chol Kim', 'Yong-chol']) expect(covers(text, name)).toBe(true);
  });
  it.each([
    ['We crossed in the spring of 2014.', 'DATE', 'spring of 2014'],
    ['It was March 2011 when they came.', 'DATE', 'March 2011'],
    ['Born 12 May 1968 in Tokchon.', 'DATE', '12 May 1968'],
    ['I was born in 1998.', 'DATE', '1998'],
    ['I left home aged 17.', 'AGE', 'aged 17'],
    ['She was 17 years old then.', 'AGE', '17 years old'],
    ['He joined the army at 17.', 'AGE', '17'],
    ['with her 14-year-old son', 'AGE', '14-year-old'],
    ['I was twelve.', 'AGE', 'twelve'],
    ['Call 010-3456-7812 or +86 139 1234 5678.', 'CONTACT', '010-3456-7812'],
    ['Call 010-3456-7812 or +86 139 1234 5678.', 'CONTACT', '+86 139 1234 5678'],
    ['Her WeChat ID is sunny_yj88.', 'CONTACT', 'sunny_yj88'],
    ['He messages me on WeChat as tumen_li_77.', 'CONTACT', 'tumen_li_77'],
    ['Write to helper.kim@example.org please.', 'CONTACT', 'helper.kim@example.org'],
    ['Her resident registration number is 870312-2345678.', 'ID', '870312-2345678'],
    ['Her passport number is M12345678.', 'ID', 'M12345678'],
    ['The case number was HR-2016-0042.', 'ID', 'HR-2016-0042'],
  ])('finds in %s the %s %s', (text, type, value) => {
    expect(found(text, type as SpanType)).toContain(value);
  });
  it.each([
    ['He was taken to the Onsong security office.', 'Onsong security office'],
    ['He was sent to Kwalliso No. 16.', 'Kwalliso No. 16'],
    ['Former prisoners of Camp 14 spoke.', 'Camp 14'],
    ['She spent a year in Chongori Kyohwaso.', 'Chongori Kyohwaso'],
    ['I was held at the Hoeryong City Bowibu.', 'Hoeryong City Bowibu'],
    ['He served in Military Unit 2091.', 'Military Unit 2091'],
    ['We worked in the Musan Mine every day.', 'Musan Mine'],
  ])('finds the facility in %s', (text, facility) => {
    expect(found(text, 'FACILITY')).toContain(facility);
  });
  it('finds places, and not rivers, countries or leaders', () => {
    expect(found('I grew up in Hoeryong and crossed to Yanji, then Kunming and Vientiane.', 'PLACE')).toEqual(['Hoeryong', 'Yanji', 'Kunming', 'Vientiane']);
    expect(found('We crossed the Tumen River into China. Kim Jong Un was on television. North Korea is far.')).toEqual([]);
  });
  it('does not take durations, counts, times or sums for ages and dates', () => {
    expect(found('We waited 3 days, paid 2000 yuan and left at 5 in the morning with 12 people.')).toEqual([]);
    expect(found('The trains did not run. So I walked.', 'PERSON')).toEqual([]);
  });
});

describe('facilities, villages and dates of the weak categories', () => {
  it.each([
    ['안도현 공안국 간수소에 보름 있었다.', '안도현 공안국 간수소'],
    ['무산 간수소에서 나왔다.', '무산 간수소'],
    ['아버지는 의주비행장에서 일하셨어요.', '의주비행장'],
  ])('finds the facility in %s', (text, facility) => {
    expect(found(text, 'FACILITY')).toContain(facility);
  });
  it('does not take a facility word without a name or place before it', () => {
    expect(found('간수소에 갇혔다. 비행장이 멀었다. 세관을 지났다.')).toEqual([]);
  });
  it.each([
    ['새골에서 태어났다.', '새골'],
    ['청암항에서 배를 탔다.', '청암항'],
    ['안골로 이사했다.', '안골'],
  ])('finds a village or port by its suffix in %s', (text, place) => {
    expect(found(text, 'PLACE')).toContain(place);
  });
  it('does not read common words ending in 골 or 항 as places', () => {
    expect(found('시골에서 자랐다. 산골 마을이었다. 저항하지 않았다. 주의사항을 들었다. 골짜기로 갔다. 항구에 갔다. 그 사항은 몰랐다.')).toEqual([]);
  });
  it.each([
    ['주체98년에 떠났다.', '주체98년'],
    ['주체 97년 3월 5일에 잡혔다.', '주체 97년 3월 5일'],
    ['2009년 늦가을에 건넜다.', '2009년 늦가을'],
    ['2010년 이른 봄이었다.', '2010년 이른 봄'],
    ['She was born in Juche 58.', 'Juche 58'],
    ['We left in 03/2008.', '03/2008'],
    ['It was the 3rd of June, 2006.', '3rd of June, 2006'],
    ['In mid-2013 we left.', 'mid-2013'],
    ['Late 2009 was cold.', 'Late 2009'],
  ])('finds the date in %s', (text, date) => {
    expect(found(text, 'DATE')).toContain(date);
  });
  it('does not take a season without a year, or a fraction, for a date', () => {
    expect(found('그해 봄에 떠났다. 늦가을에 추웠다.')).toEqual([]);
    expect(found('It was 3/4 full. In early spring we left.', 'DATE')).toEqual([]);
  });
});

describe('names after roles, nicknames, addresses and cities by context', () => {
  it.each([
    ['라오스 안내인 캄싸이가 우리를 데려갔다.', '캄싸이'],
    ['안내인 솜폰이 왔다.', '솜폰'],
    ['왕눈이라고 불리던 브로커가 있었다.', '왕눈이'],
    ['김영철이라는 사람이 왔다.', '김영철'],
  ])('finds the whole name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it.each([
    ['나 과장이 돈을 받았다.', '나'],
    ['구 씨가 말했다.', '구'],
    ['량 반장이 불렀다.', '량'],
    ['빈 선생이 왔다.', '빈'],
  ])('finds a rare surname before a title in %s', (text, surname) => {
    expect(found(text, 'PERSON')).toEqual([surname]);
  });
  it('does not read common words before titles or kinship words as surnames', () => {
    expect(found('나 혼자 갔다. 제 언니가 왔다. 구 당위원장이 연설했다. 한 번 갔다. 장마당에 갔다. 배를 타고 건넜다.', 'PERSON')).toEqual([]);
  });
  it.each([
    ['서울 양천구 목동로 12길에 산다.', '목동로 12길'],
    ['주소는 중앙로12번길 34입니다.', '중앙로12번길 34'],
    ['양천구 목동로 212에 있다.', '목동로 212'],
    ['They lived at 12 Mokdong-ro 12-gil.', '12 Mokdong-ro 12-gil'],
    ['The office is on Sejong-daero 209.', 'Sejong-daero 209'],
  ])('finds the street address in %s', (text, address) => {
    expect(found(text, 'PLACE')).toContain(address);
  });
  it('does not take a direction and a count for an address', () => {
    expect(found('그 길로 2시간 걸었다. 혜산시 쪽으로 3명이 갔다.', 'PLACE')).toEqual(['혜산시']);
  });
  it('finds a city after a Chinese province, and not a common word there', () => {
    expect(found('산동성 유방 근처 농촌으로 데려갔다.', 'PLACE')).toEqual(['산동성', '유방']);
    expect(found('길림성 교하에서 살았다.', 'PLACE')).toEqual(['길림성', '교하']);
    expect(found('흑룡강성 농촌으로 팔려갔다. 길림성 사람이었다. 요령성 출신이다.', 'PLACE')).toEqual(['흑룡강성', '길림성', '요령성']);
  });
  it('finds a Hangul place after an English preposition, not a kinship word', () => {
    expect(found('A Chinese farmer in 월청 helped. I said to 엄마 that.', 'PLACE')).toEqual(['월청']);
  });
});

describe('English facilities, ages, rare surnames and nicknames', () => {
  it.each([
    ['She studied at No. 2 Middle School in Hyesan.', 'No. 2 Middle School'],
    ['I went to Hoeryong No. 1 Senior Middle School.', 'Hoeryong No. 1 Senior Middle School'],
    ['He worked at the Kim Chaek Iron and Steel Complex.', 'Kim Chaek Iron and Steel Complex'],
    ['My father worked for the Sinpo Fisheries Station.', 'Sinpo Fisheries Station'],
    ['She sold fish for the Taehung Trading Company.', 'Taehung Trading Company'],
    ['We slept at the Yanji Welfare Centre.', 'Yanji Welfare Centre'],
  ])('finds the facility in %s', (text, facility) => {
    expect(found(text, 'FACILITY')).toContain(facility);
  });
  it('does not take a generic centre or company for a facility', () => {
    expect(found('We met at the Community Centre, then the Hana Centre. He joined the Company later. We went to the City Centre.')).toEqual([]);
  });
  it.each([
    ['My mother was in her late fifties.', 'late fifties'],
    ['My uncle, in his sixties, stayed.', 'sixties'],
    ['Age: 29.', 'Age: 29'],
    ['Tae Ok-hui, 54, had been caught.', '54'],
    ['Her daughter, Sun-yi, only fifteen, stayed.', 'fifteen'],
    ['I was 19 when I went in and 27 when I came out.', '27'],
  ])('finds the age in %s', (text, age) => {
    expect(found(text, 'AGE')).toContain(age);
  });
  it('does not take counts, times or years after a comma for ages', () => {
    expect(found('In June, 12 people left. At 5 when we woke up. Room 12, 3 beds. In 2009, 40 of us left.', 'AGE')).toEqual([]);
  });
  it.each([
    ['I met Tokko Chol there.', 'Tokko Chol'],
    ['Rho Myong-su signed it.', 'Rho Myong-su'],
    ['The trader Lü Wei paid.', 'Lü Wei'],
    ['A man named Qu Jian drove.', 'Qu Jian'],
    ['TOKKO Chol was there.', 'TOKKO Chol'],
  ])('finds the romanised name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('finds nicknames of ordinary words after "called", and not a country or an ideology', () => {
    expect(found('A man they called Big Brother. We called him Teacher.', 'PERSON')).toEqual(['Big Brother', 'Teacher']);
    expect(found('They called it China. It is called Juche.', 'PERSON')).toEqual([]);
  });
});

describe('names from the escape routes and numbered camps with 제', () => {
  it.each([
    ['중국인 남편 왕웨이와 살았다.', '왕웨이'],
    ['몽골 군인 바트바야르가 데려갔다.', '바트바야르'],
    ['캄보디아에서 소피아라는 여자가 도왔다.', '소피아'],
    ['In Vietnam, Nguyen Van Thanh hid us.', 'Nguyen Van Thanh'],
    ['Tran Thi Mai cooked for us.', 'Tran Thi Mai'],
    ['Sergei Ivanov helped us.', 'Sergei Ivanov'],
    ['A Mongolian soldier, Batbayar, took us.', 'Batbayar'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('keeps the familiar 이 out of a Korean name that ends in a consonant', () => {
    expect(found('동생 영철이와 살았다.', 'PERSON')).toEqual(['영철']);
  });
  it('does not read short English words or a Mongolian city as names', () => {
    expect(found('Do you know? Ho said nothing. Le Monde wrote. We lived in Ulaanbaatar.', 'PERSON')).toEqual([]);
  });
  it.each([
    ['그는 제2교화소에 있었다.', '제2교화소'],
    ['청진 제3 집결소에 갇혔다.', '청진 제3 집결소'],
  ])('finds the numbered camp in %s', (text, facility) => {
    expect(found(text, 'FACILITY')).toContain(facility);
  });
});

describe('subdivisions after a known place', () => {
  it('reads a 동 after a city as a place, not as a surname and given name', () => {
    const spans = detectSpans('우리는 회령시 유선동에서 살았다.');
    expect(spans.map((s) => s.type)).toEqual(['PLACE', 'PLACE']);
  });
});

describe('name readings with particles', () => {
  it.each([
    ['조선족 김춘매가 밥을 했다.', '김춘매'],
    ['혜정이 언니가 왔다.', '혜정'],
    ['순덕 모녀가 떠났다.', '순덕'],
  ])('finds the name in %s', (text, name) => {
    expect(found(text, 'PERSON')).toContain(name);
  });
  it('does not read common nouns with particles as names, nor a 이 + particle after a vowel', () => {
    expect(found('정치범이 많았다. 기술자가 왔다. 장사꾼이 왔다. 오토바이가 왔다. 남편의 집안이 좋았다.', 'PERSON')).toEqual([]);
  });
});

describe('rare surnames before titles', () => {
  it.each([
    ['린 선생이 왔다.', '린'],
    ['린씨가 왔다.', '린'],
    ['탁 소장이 왔다.', '탁'],
    ['순 사장님이 주셨다.', '순'],
    ['호 대위가 왔다.', '호'],
  ])('finds the surname in %s', (text, surname) => {
    expect(found(text, 'PERSON')).toEqual([surname]);
  });
  it('does not take numbers, "after", "whole" or "empty" before a title for a surname', () => {
    expect(found('빈 집에 들어갔다. 두 사람이 왔다. 그 후 과장이 왔다. 온 가족이 떠났다. 각 반장이 모였다. 새 선생님이 오셨다.', 'PERSON')).toEqual([]);
  });
});

describe('a given name opening a sentence', () => {
  it('finds a name-shaped topic whose particle fits a name', () => {
    expect(found('교화소 뒷산에 묻었어요. 춘희는 죽기 전에 울었다.', 'PERSON')).toEqual(['춘희']);
    expect(found('영남이가 먼저 갔다.', 'PERSON')).toEqual(['영남']);
  });
  it('does not take common nouns opening a sentence', () => {
    expect(found('정부는 아무것도 안 했다. 기차가 왔다. 학교는 멀었다. 수용소는 추웠다. 전쟁이 났다. 명령이 내려왔다.', 'PERSON')).toEqual([]);
  });
});

describe('districts after their city', () => {
  it('finds a district in 구 right after a city, and not 친구 or 입구 there', () => {
    expect(found('인천 연수구에 산다. 대구 북구에 산다.', 'PLACE')).toEqual(['인천', '연수구', '대구', '북구']);
    expect(found('서울 친구를 만났다. 부산 입구에서 기다렸다. 서울 도구를 샀다.', 'PLACE')).toEqual(['서울', '부산', '서울']);
  });
});

describe('phone numbers after 전화번호', () => {
  it('types a phone number after 전화번호 as a contact, and a prisoner number as an ID', () => {
    const text = '제 전화번호는 010-9876-5432예요. 수번은 2231이었다. 전화번호 01012345678.';
    expect(detectSpans(text).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)).toEqual(['CONTACT:010-9876-5432', 'ID:2231', 'CONTACT:01012345678']);
  });
});

describe('Korean dates with a season, part or holiday after them', () => {
  it.each([
    ['98년 겨울에 떠났다.', '98년 겨울'],
    ['97년도 봄이었다.', '97년도 봄'],
    ['1990년대 중반에 굶었다.', '1990년대 중반'],
    ['2003년 11월 말에 건넜다.', '2003년 11월 말'],
    ['2007년 추석 무렵이었다.', '2007년 추석 무렵'],
  ])('finds the whole date in %s', (text, date) => {
    expect(found(text, 'DATE')).toContain(date);
  });
  it('does not take a verb after a year into the date', () => {
    expect(found('2003년 말했다. 2010년 설명했다.', 'DATE')).toEqual(['2003년', '2010년']);
  });
});

describe('ranges of years and short years', () => {
  it.each([
    ['In 1997-98 we starved.', '1997-98'],
    ['From 1999–2003 I was in prison.', '1999–2003'],
    ['1997~1998년에 굶었다.', '1997~1998년'],
    ['It was the summer of \'97.', "summer of '97"],
  ])('finds the date in %s', (text, date) => {
    expect(found(text, 'DATE')).toContain(date);
  });
  it('keeps a phone number with year-like groups a contact', () => {
    expect(found('Call 010-1999-2003 now.').length).toBe(1);
    expect(found('Call 010-1999-2003 now.', 'CONTACT')).toEqual(['010-1999-2003']);
  });
});

describe('romanised administrative suffixes', () => {
  it('finds Korean places with -up, -gun, -si, and not English words with -up', () => {
    expect(found('A follow-up visit. A Follow-up call. A grown-up. We lived in Sinchang-up and Musan-gun, then Hyesan-si.', 'PLACE')).toEqual(['Sinchang-up', 'Musan-gun', 'Hyesan-si']);
  });
});
