/** Test data only, no real person: A testimony with identifying details in every kind of field, for the redaction tests. */
export function identifyingTestimony(): Record<string, unknown> {
  return {
    title: '회령 출신 여성의 강제송환 증언',
    interviewee: {
      code: 'NK-2024-031',
      identity: { realName: '박순희', otherNames: ['Park Sun-hee'], birthDate: '1974-05-02', phone: '010-2345-6789', address: '서울특별시 양천구 목동로 77' },
      birthYear: 1974,
      sex: 'female',
      homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' },
      homeCounty: { gazetteerId: 'nk-hoeryong-si', text: '회령 근처 마을' },
      yearLeftNorthKorea: 2011,
      currentCountry: 'KR',
      occupation: '교원',
    },
    consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'oral-recorded', date: '2024-03-15', obtainedBy: '이정민' },
    people: [
      { id: 'self', relation: 'self' },
      { id: 'p1', relation: 'broker', name: '김영철', otherNames: ['Kim Young-chul'], note: '김영철은 연길에서 왔다' },
    ],
    events: [
      {
        id: 'e1',
        violations: ['forced-repatriation-china', 'torture-interrogation'],
        date: '2011-03-05',
        place: { gazetteerId: 'nk-onsong-gun' },
        perpetrators: [{ institution: 'state-security-local', rank: '반탐과 지도원', personId: 'p1' }],
        victimIds: ['self'],
        description: '박순희는 온성 보위부에서 조사를 받았다.',
      },
    ],
    narrative: {
      language: 'ko',
      text: '저는 박순희입니다. 2011년 3월 5일 브로커 김영철이 저를 데리고 강을 건넜습니다. 김영철은 스물세 살이었습니다. 연락처는 010-2345-6789였습니다.',
    },
    translation: {
      language: 'en',
      text: 'I am Park Sun-hee. On 5 March 2011 the broker Kim Young-chul took me across the river. Kim Young-chul was twenty-three years old.',
      translator: 'Translator Lee',
    },
    tags: ['박순희 증언'],
  };
}
