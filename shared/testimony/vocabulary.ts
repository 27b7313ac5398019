/**
 * Controlled vocabularies of the testimony record, each term with a stable code and Korean and
 * English labels. Codes are stored in records and archives: never rename or reuse one; add new
 * terms, and retire old ones by leaving them in place.
 *
 * Violation types follow the shape of the HURIDOCS micro-thesauri ("Types of acts") with terms
 * specific to North Korea: each place of detention is a term of its own because what happened in a
 * 집결소 and in a 관리소 are different findings, and forced repatriation from China is the most
 * common entry point of the testimonies we record.
 */
import { z } from 'zod';

export interface VocabularyTerm<Code extends string = string> {
  readonly code: Code;
  /** The broader term, for grouping and faceting. */
  readonly parent?: Code;
  readonly ko: string;
  readonly en: string;
}

/** Builds a zod enum from a vocabulary's codes, keeping the literal types. */
function codesOf<const T extends readonly { code: string }[]>(terms: T): [T[number]['code'], ...T[number]['code'][]] {
  return terms.map((term) => term.code) as [T[number]['code'], ...T[number]['code'][]];
}

// ---------------------------------------------------------------------------------------------
// Violation types

export const VIOLATION_TERMS = [
  { code: 'arbitrary-detention', ko: '자의적 체포·구금', en: 'Arbitrary arrest and detention' },
  { code: 'detention-kuryujang', parent: 'arbitrary-detention', ko: '구류장 구금 (보위부·안전부 구류장)', en: 'Detention in a kuryujang (State Security or police holding cells)' },
  { code: 'detention-jipkyulso', parent: 'arbitrary-detention', ko: '집결소 구금', en: 'Detention in a jipkyulso (holding centre)' },
  { code: 'detention-rodong-danryondae', parent: 'arbitrary-detention', ko: '로동단련대 구금', en: 'Detention in a rodong danryondae (labour training camp)' },
  { code: 'detention-kyohwaso', parent: 'arbitrary-detention', ko: '교화소 수감', en: 'Imprisonment in a kyohwaso (prison, "reform through labour")' },
  { code: 'detention-kwalliso', parent: 'arbitrary-detention', ko: '관리소(정치범수용소) 수감', en: 'Imprisonment in a kwalliso (political prison camp)' },
  { code: 'detention-incommunicado', parent: 'arbitrary-detention', ko: '외부와의 연락이 차단된 구금', en: 'Incommunicado detention' },

  { code: 'unfair-trial', ko: '공정한 재판을 받을 권리 침해', en: 'Denial of a fair trial' },
  { code: 'punishment-without-trial', parent: 'unfair-trial', ko: '재판 없는 처벌 (비법처리·행정처벌)', en: 'Punishment without trial (extra-judicial or administrative sentence)' },
  { code: 'forced-confession', parent: 'unfair-trial', ko: '자백 강요', en: 'Forced confession' },

  { code: 'forced-repatriation', ko: '강제송환', en: 'Forced repatriation' },
  { code: 'forced-repatriation-china', parent: 'forced-repatriation', ko: '중국에서의 강제송환', en: 'Forced repatriation from China' },
  { code: 'forced-repatriation-other', parent: 'forced-repatriation', ko: '제3국(러시아·라오스 등)에서의 강제송환', en: 'Forced repatriation from another country (Russia, Laos, …)' },

  { code: 'torture', ko: '고문 및 잔혹하거나 비인도적인 대우', en: 'Torture and cruel, inhuman or degrading treatment' },
  { code: 'torture-interrogation', parent: 'torture', ko: '조사(예심) 과정의 고문·가혹행위', en: 'Torture and ill-treatment during interrogation' },
  { code: 'beating', parent: 'torture', ko: '구타', en: 'Beating' },
  { code: 'stress-positions', parent: 'torture', ko: '강제 자세 (장시간 정좌·꿇어앉기 등)', en: 'Forced stress positions (sitting motionless for hours, kneeling)' },
  { code: 'invasive-body-search', parent: 'torture', ko: '강제 신체검사 (체강 검사 등)', en: 'Invasive body searches' },
  { code: 'degrading-treatment', parent: 'torture', ko: '모욕적 대우', en: 'Degrading treatment' },

  { code: 'detention-conditions', ko: '구금시설의 비인도적 환경', en: 'Inhuman conditions of detention' },
  { code: 'starvation-in-detention', parent: 'detention-conditions', ko: '구금 중 식량 박탈·기아', en: 'Denial of food and starvation in detention' },
  { code: 'denial-of-medical-care', parent: 'detention-conditions', ko: '의료 처치 거부', en: 'Denial of medical care' },
  { code: 'death-in-custody', parent: 'detention-conditions', ko: '구금 중 사망', en: 'Death in custody' },

  { code: 'forced-labour', ko: '강제노동', en: 'Forced labour' },
  { code: 'forced-labour-detention', parent: 'forced-labour', ko: '구금시설에서의 강제노동', en: 'Forced labour in detention' },
  { code: 'forced-labour-mobilisation', parent: 'forced-labour', ko: '강제 동원 노동 (돌격대 등)', en: 'Forced mobilisation for labour (shock brigades, …)' },

  { code: 'arbitrary-killing', ko: '생명권 침해', en: 'Arbitrary deprivation of life' },
  { code: 'public-execution', parent: 'arbitrary-killing', ko: '공개처형', en: 'Public execution' },
  { code: 'secret-execution', parent: 'arbitrary-killing', ko: '비밀처형', en: 'Secret execution' },
  { code: 'killing-at-border', parent: 'arbitrary-killing', ko: '국경 월경자 사살', en: 'Shooting of people crossing the border' },

  { code: 'sexual-violence', ko: '성폭력', en: 'Sexual violence' },
  { code: 'sexual-violence-detention', parent: 'sexual-violence', ko: '구금 중 성폭력', en: 'Sexual violence in detention' },
  { code: 'rape', parent: 'sexual-violence', ko: '강간', en: 'Rape' },
  { code: 'sexual-harassment', parent: 'sexual-violence', ko: '성추행·성희롱', en: 'Sexual harassment and assault' },

  { code: 'reproductive-violence', ko: '재생산권 침해', en: 'Reproductive violence' },
  { code: 'forced-abortion', parent: 'reproductive-violence', ko: '강제낙태', en: 'Forced abortion' },
  { code: 'infanticide', parent: 'reproductive-violence', ko: '영아살해', en: 'Infanticide' },

  { code: 'enforced-disappearance', ko: '강제실종', en: 'Enforced disappearance' },
  { code: 'abduction', ko: '납치', en: 'Abduction' },
  { code: 'abduction-foreign-nationals', parent: 'abduction', ko: '외국인 납치 (납북자)', en: 'Abduction of foreign nationals' },
  { code: 'prisoners-of-war-detained', parent: 'abduction', ko: '국군포로 억류', en: 'Prisoners of war not repatriated' },

  { code: 'guilt-by-association', ko: '연좌제', en: 'Guilt by association (collective punishment of family)' },
  { code: 'discrimination-songbun', ko: '성분에 따른 차별', en: 'Discrimination by songbun (social class)' },
  { code: 'forced-relocation', ko: '강제이주·추방', en: 'Forced relocation and banishment' },

  { code: 'right-to-food', ko: '식량권 침해', en: 'Violation of the right to food' },

  { code: 'freedom-of-religion', ko: '종교의 자유 침해', en: 'Violation of freedom of religion' },
  { code: 'freedom-of-movement', ko: '이동의 자유 침해', en: 'Violation of freedom of movement' },
  { code: 'freedom-of-expression', ko: '표현의 자유 침해', en: 'Violation of freedom of expression' },
  { code: 'access-to-information', parent: 'freedom-of-expression', ko: '정보 접근 차단 (외부 영상물 시청 처벌 등)', en: 'Punishment for access to outside information (foreign media)' },
  { code: 'freedom-of-association', ko: '결사·집회의 자유 침해', en: 'Violation of freedom of association and assembly' },
  { code: 'privacy-surveillance', ko: '사생활 침해·감시', en: 'Surveillance and violation of privacy' },

  { code: 'family-separation', ko: '가족 분리', en: 'Family separation' },
  { code: 'trafficking', ko: '인신매매', en: 'Human trafficking' },
  { code: 'trafficking-women-china', parent: 'trafficking', ko: '중국 내 여성 인신매매', en: 'Trafficking of women in China' },
  { code: 'forced-marriage', parent: 'trafficking', ko: '강제결혼', en: 'Forced marriage' },
  { code: 'forced-sex-work', parent: 'trafficking', ko: '성매매 강요 (인터넷 화상채팅 포함)', en: 'Forced sex work (including online "cybersex")' },

  { code: 'extortion', ko: '금품 갈취·뇌물 강요', en: 'Extortion and demands for bribes' },
  { code: 'child-rights', ko: '아동 권리 침해', en: 'Violation of the rights of the child' },

  { code: 'other', ko: '기타', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const ViolationCode = z.enum(codesOf(VIOLATION_TERMS));
export type ViolationCode = z.infer<typeof ViolationCode>;

// ---------------------------------------------------------------------------------------------
// Perpetrator institutions

export const INSTITUTION_TERMS = [
  { code: 'state-security', ko: '국가보위성 (구 국가안전보위부)', en: 'Ministry of State Security (formerly State Security Department, bowibu)' },
  { code: 'state-security-local', parent: 'state-security', ko: '도 보위국·시·군 보위부', en: 'Provincial, city or county State Security office' },
  { code: 'social-security', ko: '사회안전성 (구 인민보안성·인민보안부)', en: "Ministry of Social Security (formerly Ministry of People's Security; police)" },
  { code: 'social-security-local', parent: 'social-security', ko: '시·군 안전부 (구 보안서)', en: "City or county police office (anjŏnbu, formerly poansŏ)" },
  { code: 'correctional-administration', parent: 'social-security', ko: '교화국 (교화소·집결소 관리)', en: 'Correctional administration (prison and holding-centre staff)' },
  { code: 'military-security-command', ko: '보위사령부 (군 보위기관)', en: 'Military Security Command' },
  { code: 'kpa', ko: '조선인민군', en: "Korean People's Army" },
  { code: 'border-guard', parent: 'kpa', ko: '국경경비대', en: 'Border guards' },
  { code: 'wpk', ko: '조선로동당', en: "Workers' Party of Korea" },
  { code: 'wpk-local', parent: 'wpk', ko: '도·시·군 당위원회', en: 'Provincial, city or county Party committee' },
  { code: 'anti-socialist-group', ko: '비사회주의 그루빠·상무 (109상무 등)', en: 'Anti-socialist inspection groups (grouppa, sangmu such as 109)' },
  { code: 'prosecutor', ko: '검찰소', en: "Prosecutor's office" },
  { code: 'court', ko: '재판소', en: 'Court' },
  { code: 'inminban', ko: '인민반', en: "People's unit (neighbourhood watch, inminban)" },
  { code: 'workplace-management', ko: '직장·기업소 관리자', en: 'Workplace or enterprise management' },
  { code: 'cn-psb', ko: '중국 공안', en: 'Chinese public security (police)' },
  { code: 'cn-border-defence', ko: '중국 변방부대', en: 'Chinese border defence forces' },
  { code: 'cn-other-authority', ko: '기타 중국 당국', en: 'Other Chinese authorities' },
  { code: 'foreign-authority', ko: '제3국 당국 (러시아·라오스·베트남 등)', en: 'Authorities of another country (Russia, Laos, Vietnam, …)' },
  { code: 'trafficker', ko: '인신매매범', en: 'Traffickers' },
  { code: 'broker', ko: '브로커', en: 'Brokers' },
  { code: 'private-individual', ko: '개인', en: 'Private individuals' },
  { code: 'unknown', ko: '미상', en: 'Unknown' },
] as const satisfies readonly VocabularyTerm[];

export const InstitutionCode = z.enum(codesOf(INSTITUTION_TERMS));
export type InstitutionCode = z.infer<typeof InstitutionCode>;

// ---------------------------------------------------------------------------------------------
// Consent

export const CONSENT_SCOPE_TERMS = [
  { code: 'internal-archive', ko: '내부 기록 보관', en: 'Keep in the internal archive' },
  { code: 'redacted-publication', ko: '익명 처리 후 공개', en: 'Publish with identifying details removed' },
  { code: 'named-publication', ko: '실명 공개', en: 'Publish with the name' },
  { code: 'un-or-court-submission', ko: 'UN·법원 제출', en: 'Submit to the UN or a court' },
] as const satisfies readonly VocabularyTerm[];

export const ConsentScope = z.enum(codesOf(CONSENT_SCOPE_TERMS));
export type ConsentScope = z.infer<typeof ConsentScope>;

export const CONSENT_METHOD_TERMS = [
  { code: 'written', ko: '서면 동의', en: 'Written' },
  { code: 'oral-recorded', ko: '구두 동의 (녹음)', en: 'Oral, recorded' },
  { code: 'oral-witnessed', ko: '구두 동의 (입회인)', en: 'Oral, witnessed' },
] as const satisfies readonly VocabularyTerm[];

export const ConsentMethod = z.enum(codesOf(CONSENT_METHOD_TERMS));
export type ConsentMethod = z.infer<typeof ConsentMethod>;

// ---------------------------------------------------------------------------------------------
// People named in a testimony, by their relation to the interviewee

export const RELATION_TERMS = [
  { code: 'self', ko: '본인', en: 'The interviewee' },
  { code: 'parent', ko: '부모', en: 'Parent' },
  { code: 'sibling', ko: '형제자매', en: 'Sibling' },
  { code: 'spouse', ko: '배우자', en: 'Spouse' },
  { code: 'child', ko: '자녀', en: 'Child' },
  { code: 'relative', ko: '친척', en: 'Relative' },
  { code: 'neighbour', ko: '이웃', en: 'Neighbour' },
  { code: 'broker', ko: '브로커', en: 'Broker' },
  { code: 'guard', ko: '경비원·계호원', en: 'Guard' },
  { code: 'interrogator', ko: '예심원·조사관', en: 'Interrogator' },
  { code: 'official', ko: '간부·공무원', en: 'Official' },
  { code: 'other', ko: '기타', en: 'Other' },
] as const satisfies readonly VocabularyTerm[];

export const RelationKind = z.enum(codesOf(RELATION_TERMS));
export type RelationKind = z.infer<typeof RelationKind>;

// ---------------------------------------------------------------------------------------------
// Lookup

const ALL_VOCABULARIES = {
  violation: VIOLATION_TERMS,
  institution: INSTITUTION_TERMS,
  consentScope: CONSENT_SCOPE_TERMS,
  consentMethod: CONSENT_METHOD_TERMS,
  relation: RELATION_TERMS,
} as const;
export type VocabularyName = keyof typeof ALL_VOCABULARIES;

const TERM_INDEX = new Map<string, VocabularyTerm>(
  Object.entries(ALL_VOCABULARIES).flatMap(([name, terms]) =>
    (terms as readonly VocabularyTerm[]).map((term) => [`${name}:${term.code}`, term] as const),
  ),
);

export function vocabularyTerms(vocabulary: VocabularyName): readonly VocabularyTerm[] {
  return ALL_VOCABULARIES[vocabulary];
}

export function findTerm(vocabulary: VocabularyName, code: string): VocabularyTerm | undefined {
  return TERM_INDEX.get(`${vocabulary}:${code}`);
}

/** The label of a code in a language; the code itself if unknown (display must not fail). */
export function termLabel(vocabulary: VocabularyName, code: string, language: 'ko' | 'en'): string {
  return findTerm(vocabulary, code)?.[language] ?? code;
}

/** A term and its broader terms, most specific first: detention-kwalliso → arbitrary-detention. */
export function termWithAncestors(vocabulary: VocabularyName, code: string): VocabularyTerm[] {
  const chain: VocabularyTerm[] = [];
  let term = findTerm(vocabulary, code);
  while (term && chain.length < 10) {
    chain.push(term);
    term = term.parent === undefined ? undefined : findTerm(vocabulary, term.parent);
  }
  return chain;
}
