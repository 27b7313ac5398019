/**
 * Words for what the review channel answers with codes: field paths, span types, operators,
 * levels, statuses, blockers. Values of structured fields are shown as a person would read them.
 */
import type { I18n, MessageKey } from '../../i18n';
import { facilityName, placeName } from '../../app/labels';

/** "events[0].perpetrators[1].rank" → "사건 1 · 가해자 2 · 직급"; a name the catalogue lacks stays as written. */
export function pathLabel(i18n: I18n, path: string): string {
  const parts: string[] = [];
  for (const segment of path.split('.')) {
    const match = /^([A-Za-z]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) return path;
    const [, name, indexes] = match as unknown as [string, string, string];
    if (name === 'text' && parts.length > 0) continue;
    const word = i18n.tMaybe(`review.path.${name}`) ?? name;
    const numbers = [...indexes.matchAll(/\[(\d+)\]/g)].map((index) => Number(index[1]) + 1);
    parts.push(numbers.length > 0 ? `${word} ${numbers.join('.')}` : word);
  }
  return parts.join(' · ');
}

export function typeLabel(i18n: I18n, type: string): string {
  return i18n.tMaybe(`review.type.${type}`) ?? type;
}

export function operatorLabel(i18n: I18n, operator: string): string {
  return i18n.tMaybe(`review.operator.${operator}`) ?? operator;
}

/** For a structured field, "remove" leaves the field out of the release: no placeholder is written. */
export function fieldOperatorLabel(i18n: I18n, operator: string): string {
  return operator === 'remove' ? i18n.t('review.operator.field.remove') : operatorLabel(i18n, operator);
}

export function levelLabel(i18n: I18n, level: string): string {
  return i18n.tMaybe(`review.level.${level}`) ?? level;
}

/** Levels that fit a generalisation of this item: dates to year or decade, structured years also to bands. */
export function levelsFor(type: string, field?: string): Array<'year' | 'decade' | 'band5'> {
  if (field === 'interviewee.yearLeftNorthKorea') return ['band5', 'decade'];
  if (field === 'interviewee.birthYear') return ['decade'];
  if (type === 'DATE') return ['year', 'decade'];
  return [];
}

/** A structured field's value (the item's surface is its JSON) in words. */
export function fieldValueText(i18n: I18n, surface: string): string {
  let value: unknown;
  try {
    value = JSON.parse(surface);
  } catch {
    return surface;
  }
  return valueText(i18n, value);
}

export function valueText(i18n: I18n, value: unknown): string {
  if (value === undefined || value === null) return i18n.t('review.value.none');
  if (typeof value === 'string') return i18n.tMaybe(`sex.${value}`) ?? value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const place = value as { gazetteerId?: string; facilityId?: string; text?: string };
    const named = place.gazetteerId ? placeName(place.gazetteerId, i18n.locale) : place.facilityId ? facilityName(place.facilityId, i18n.locale) : undefined;
    const words = [named, place.text].filter((part): part is string => typeof part === 'string' && part.length > 0);
    if (words.length > 0) return words.join(' · ');
  }
  return JSON.stringify(value);
}

export const STATUS_KEYS: Record<'pending' | 'accepted' | 'rejected', MessageKey> = {
  pending: 'review.status.pending',
  accepted: 'review.status.accepted',
  rejected: 'review.status.rejected',
};
