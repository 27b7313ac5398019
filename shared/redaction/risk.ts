/**
 * Re-identification risk of a release: how many testimonies in the vault share its
 * quasi-identifiers (province, birth, sex, year of leaving, occupation) as released, i.e. after
 * generalisation. Fewer than k (default 5) and a reader who knows a few facts about a person can
 * single them out; the warning then names the one field whose next generalisation raises the count
 * most. Counting is the service's (an indexed table); the choice of fields and steps is here.
 *
 * A testimony whose value is unknown does not count as sharing it: the count is a lower bound,
 * so the warning errs towards caution.
 */
import { yearRange, provinceIdOf } from './generalise';
import type { GeneraliseLevel, Operator } from './operators';
import type { BuiltRelease } from './release';

export const DEFAULT_K = 5;

export interface YearInterval {
  from: number;
  to: number;
}

/** null: not released (matches everyone). */
export interface QuasiIdentifiers {
  province: string | null;
  birth: YearInterval | null;
  sex: string | null;
  yearLeft: YearInterval | null;
  occupation: string | null;
}

export type QuasiField = keyof QuasiIdentifiers;

/** Occupation compared without case, spacing or Unicode form differences. */
export function occupationKey(occupation: string | undefined | null): string | null {
  if (occupation === undefined || occupation === null) return null;
  const key = occupation.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return key.length > 0 ? key : null;
}

export function quasiIdentifiersOfRelease(built: BuiltRelease): QuasiIdentifiers {
  const interviewee = built.record.interviewee;
  const exact = (year: number | undefined): YearInterval | null => (year === undefined ? null : { from: year, to: year });
  return {
    province: provinceIdOf(interviewee?.homeProvince?.gazetteerId) ?? provinceIdOf(interviewee?.homeCounty?.gazetteerId) ?? null,
    birth: built.generalised.birthDecade !== undefined ? { from: built.generalised.birthDecade, to: built.generalised.birthDecade + 9 } : exact(interviewee?.birthYear),
    sex: interviewee?.sex ?? null,
    yearLeft: built.generalised.yearLeftNorthKorea ?? exact(interviewee?.yearLeftNorthKorea),
    occupation: occupationKey(interviewee?.occupation),
  };
}

/** What a reviewer would do to take one step: a field decision (tw review field …). */
export interface GeneralisationStep {
  quasiField: QuasiField;
  /** Field paths to decide, with the operator: removing a province removes the county too. */
  decisions: { path: string; operator: Operator; level?: GeneraliseLevel }[];
  /** Human wording: "birth year → decade", "occupation → not released". */
  description: string;
  next: QuasiIdentifiers;
}

const width = (interval: YearInterval): number => interval.to - interval.from + 1;

/** The next coarser step of each released quasi-identifier. */
export function nextSteps(qi: QuasiIdentifiers): GeneralisationStep[] {
  const steps: GeneralisationStep[] = [];
  if (qi.birth) {
    if (width(qi.birth) === 1) {
      const decade = yearRange(qi.birth.from, 'decade');
      steps.push({ quasiField: 'birth', decisions: [{ path: 'interviewee.birthYear', operator: 'generalise' }], description: 'birth year → decade', next: { ...qi, birth: decade } });
    } else {
      steps.push({ quasiField: 'birth', decisions: [{ path: 'interviewee.birthYear', operator: 'remove' }], description: 'birth decade → not released', next: { ...qi, birth: null } });
    }
  }
  if (qi.yearLeft) {
    const w = width(qi.yearLeft);
    if (w < 5) {
      steps.push({ quasiField: 'yearLeft', decisions: [{ path: 'interviewee.yearLeftNorthKorea', operator: 'generalise', level: 'band5' }], description: 'year of leaving → 5-year band', next: { ...qi, yearLeft: yearRange(qi.yearLeft.from, 'band5') } });
    } else if (w < 10) {
      steps.push({ quasiField: 'yearLeft', decisions: [{ path: 'interviewee.yearLeftNorthKorea', operator: 'generalise', level: 'decade' }], description: 'year of leaving → decade', next: { ...qi, yearLeft: yearRange(qi.yearLeft.from, 'decade') } });
    } else {
      steps.push({ quasiField: 'yearLeft', decisions: [{ path: 'interviewee.yearLeftNorthKorea', operator: 'remove' }], description: 'year of leaving → not released', next: { ...qi, yearLeft: null } });
    }
  }
  if (qi.occupation) steps.push({ quasiField: 'occupation', decisions: [{ path: 'interviewee.occupation', operator: 'remove' }], description: 'occupation → not released', next: { ...qi, occupation: null } });
  if (qi.province) {
    steps.push({
      quasiField: 'province',
      decisions: [{ path: 'interviewee.homeProvince', operator: 'remove' }, { path: 'interviewee.homeCounty', operator: 'remove' }],
      description: 'home province → not released',
      next: { ...qi, province: null },
    });
  }
  if (qi.sex) steps.push({ quasiField: 'sex', decisions: [{ path: 'interviewee.sex', operator: 'remove' }], description: 'sex → not released', next: { ...qi, sex: null } });
  return steps;
}

export interface RiskAssessment {
  k: number;
  /** Testimonies in the vault (this one included) sharing the released quasi-identifiers. */
  count: number;
  belowK: boolean;
  quasiIdentifiers: QuasiIdentifiers;
  /** When below k: the step that raises the count most (ties: the first listed, a generalisation before a removal). */
  suggestion?: { step: Omit<GeneralisationStep, 'next'>; count: number };
}

export function assessRisk(qi: QuasiIdentifiers, countSharing: (qi: QuasiIdentifiers) => number, k = DEFAULT_K): RiskAssessment {
  const count = countSharing(qi);
  const assessment: RiskAssessment = { k, count, belowK: count < k, quasiIdentifiers: qi };
  if (count >= k) return assessment;
  let best: { step: GeneralisationStep; count: number } | undefined;
  for (const step of nextSteps(qi)) {
    const stepCount = countSharing(step.next);
    if (!best || stepCount > best.count) best = { step, count: stepCount };
  }
  if (best) {
    const { next: _next, ...step } = best.step;
    assessment.suggestion = { step, count: best.count };
  }
  return assessment;
}
