/**
 * Test data only, no real person: a testimony whose identifying fields (real and other names,
 * family, perpetrator and broker names, phone, address, home county, birth date, the interviewer
 * and translator) reappear in its narrative, translation, event description, notes, title and tags
 * in inflected forms, other spellings and romanisations, for the end-to-end tests of redacted archives.
 */
export function redactedTestimony(): Record<string, unknown> {
  return {
    title: '회령 출신 림순옥의 강제송환 증언',
    interviewee: {
      code: 'NK-2023-117',
      identity: {
        realName: '림순옥',
        otherNames: ['Rim Sun-ok', '임순옥'],
        birthDate: '1968-11-23',
        phone: '+86 138 4395 2071',
        address: '회령시 남문동 3인민반',
        notes: '남문동 3인민반 림순옥의 집',
      },
      birthYear: 1968,
      sex: 'female',
      homeCounty: { gazetteerId: 'nk-hoeryong-si', text: '남문동' },
      yearLeftNorthKorea: 2009,
      currentCountry: 'KR',
      occupation: '교원',
    },
    consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'oral-recorded', date: '2023-05-02', obtainedBy: '박지현' },
    people: [
      { id: 'self', relation: 'self' },
      { id: 'p1', relation: 'sibling', name: '림정호', otherNames: ['Rim Jong-ho'], note: '림정호는 아직 회령에 있다' },
      { id: 'p2', relation: 'parent', name: '김복순', otherNames: [] },
      { id: 'p3', relation: 'interrogator', name: '한명수', otherNames: ['Han Myong-su'] },
      { id: 'p4', relation: 'broker', name: '최광철', otherNames: [] },
    ],
    events: [
      {
        id: 'e1',
        violations: ['forced-repatriation-china', 'torture-interrogation'],
        date: '2009-12-14',
        place: { gazetteerId: 'nk-onsong-gun' },
        perpetrators: [{ institution: 'state-security-local', rank: '반탐과 지도원', personId: 'p3' }],
        victimIds: ['self'],
        witnessIds: [],
        description: '한명수가 림순옥을 보위부에서 심문했다.',
      },
    ],
    narrative: {
      language: 'ko',
      text:
        '저는 림순옥입니다. 2009년 12월 14일 오빠 림정호와 함께 강을 건넜습니다. 브로커 최광철이 길을 안내했습니다. ' +
        '어머니 김복순은 남문동에 남았습니다. 보위부에서 한명수가 저를 심문했습니다. 한명수는 임순옥이 누구냐고 물었습니다. ' +
        '제 전화번호는 +86 138 4395 2071입니다.',
    },
    translation: {
      language: 'en',
      text:
        'I am Rim Sun-ok. On 14 December 2009 I crossed the river with my brother Rim Jong-ho. The broker Choe Kwang-chol showed us the way. ' +
        'My mother Kim Bok-sun stayed behind. At the security office Han Myong-su interrogated me; Han Myung Soo asked who Im Sun Ok was. ' +
        'Sun-ok Rim was my name. My phone was +86 138-4395-2071.',
      translator: 'Translator Hwang',
    },
    tags: ['림순옥 증언'],
  };
}
