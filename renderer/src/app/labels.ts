/** Names of codes from the shared vocabularies and gazetteer, in the UI's language. */
import { getFacility, getPlace, listProvinces, placeLabel, provinceOf, isNkPlace, type Place } from '@shared/gazetteer';
import { termLabel, type VocabularyName } from '@shared/testimony/vocabulary';
import type { Locale } from '../i18n';

export function term(vocabulary: VocabularyName, code: string, locale: Locale): string {
  return termLabel(vocabulary, code, locale);
}

export function placeName(id: string, locale: Locale): string {
  const place = getPlace(id);
  return place ? placeLabel(place, locale) : id;
}

/** "회령시 · 함경북도" / "Hoeryŏng · Hamgyŏng-bukto": the place and, below province level, its province. */
export function placeWithProvince(place: Place, locale: Locale): string {
  const province = provinceOf(place.id);
  const own = placeLabel(place, locale);
  const country = isNkPlace(place) ? '' : ` (${place.country})`;
  return province && province.id !== place.id ? `${own} · ${placeLabel(province, locale)}${country}` : `${own}${country}`;
}

export function facilityName(id: string, locale: Locale): string {
  const facility = getFacility(id);
  if (!facility) return id;
  return locale === 'ko' ? facility.ko : facility.en;
}

export function provinceOptions(locale: Locale): Array<{ value: string; label: string }> {
  return listProvinces().map((province) => ({ value: province.id, label: placeLabel(province, locale) }));
}
