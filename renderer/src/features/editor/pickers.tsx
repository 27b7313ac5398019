/**
 * Pickers of the interview form: places and facilities from the gazetteer (searched in Hangul and
 * every romanisation), violation types from the vocabulary, and EDTF dates with a builder for
 * uncertain, approximate and seasonal dates that says in words what the value means.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { getFacility, getPlace, isNkPlace, searchFacilities, searchPlaces, type Place } from '@shared/gazetteer';
import { formatEdtf, parseEdtf } from '@shared/testimony/edtf';
import { VIOLATION_TERMS } from '@shared/testimony/vocabulary';
import { useI18n } from '../../i18n';
import { facilityName, placeWithProvince } from '../../app/labels';
import { TextField } from '../../components/fields';
import type { PlaceDraft } from './draft';

interface Choice {
  id: string;
  label: string;
  detail: string;
}

/** The ARIA 1.2 combobox pattern: a text box that filters a listbox; arrows, Enter, Escape. */
function GazetteerCombobox(props: {
  label: string;
  selected: Choice | undefined;
  search(query: string): Choice[];
  onSelect(id: string): void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const choices = useMemo(() => (query.trim().length > 0 ? props.search(query) : []), [query, props]);

  const choose = (choice: Choice) => {
    props.onSelect(choice.id);
    setQuery('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, Math.max(choices.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && choices[active]) {
      event.preventDefault();
      choose(choices[active]!);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '', props.selected ? `${id}-selected` : ''].filter(Boolean).join(' ');
  return (
    <div className="field combobox">
      <label htmlFor={id}>{props.label}</label>
      {props.selected && (
        <p className="chosen" id={`${id}-selected`}>
          <span>
            {t('picker.chosen')}: <strong>{props.selected.label}</strong> <span className="muted">{props.selected.detail}</span>
          </span>
          <button type="button" className="small" onClick={() => props.onSelect('')} aria-label={t('picker.clear.named', { name: props.selected.label })}>
            {t('picker.clear')}
          </button>
        </p>
      )}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open && choices.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && choices[active] ? `${id}-option-${active}` : undefined}
        aria-describedby={describedBy || undefined}
        aria-invalid={props.error ? true : undefined}
        placeholder={t('picker.search.placeholder')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={`${id}-list`} role="listbox" aria-label={props.label} className="combobox-list" hidden={!open || choices.length === 0}>
        {choices.map((choice, index) => (
          <li
            key={choice.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(choice);
            }}
          >
            <span>{choice.label}</span> <span className="muted">{choice.detail}</span>
          </li>
        ))}
      </ul>
      {open && query.trim().length > 0 && choices.length === 0 && <p className="field-hint">{t('picker.none')}</p>}
      {props.hint && (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      )}
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

export type PlaceRule = 'any' | 'nk-province' | 'nk-below-province';

function placeAllowed(place: Place, rule: PlaceRule, withinProvince: string | undefined): boolean {
  if (rule === 'nk-province') return isNkPlace(place) && place.level === 'province';
  if (rule === 'nk-below-province') {
    if (!isNkPlace(place) || place.level === 'province') return false;
    return withinProvince === undefined || place.parent === withinProvince || getPlace(place.parent ?? '')?.parent === withinProvince;
  }
  return true;
}

/** A place: a gazetteer entry, the words as told, or both. */
export function PlacePicker(props: {
  legend: string;
  value: PlaceDraft;
  onChange(value: PlaceDraft): void;
  rule: PlaceRule;
  withinProvince?: string | undefined;
  errors: Map<string, string>;
  path: string;
}) {
  const { t, locale } = useI18n();
  const place = props.value.gazetteerId ? getPlace(props.value.gazetteerId) : undefined;
  const toChoice = (each: Place): Choice => ({
    id: each.id,
    label: placeWithProvince(each, locale),
    detail: locale === 'ko' ? (isNkPlace(each) ? each.mr : each.en) : each.ko,
  });
  const search = (query: string) =>
    searchPlaces(query, 40)
      .filter((each) => placeAllowed(each, props.rule, props.withinProvince))
      .slice(0, 12)
      .map(toChoice);
  return (
    <fieldset className="place-picker">
      <legend>{props.legend}</legend>
      <GazetteerCombobox
        label={t('place.gazetteer')}
        hint={t('place.gazetteer.hint')}
        selected={place ? toChoice(place) : props.value.gazetteerId ? { id: props.value.gazetteerId, label: props.value.gazetteerId, detail: '' } : undefined}
        search={search}
        onSelect={(gazetteerId) => props.onChange({ ...props.value, gazetteerId })}
        error={props.errors.get(`${props.path}.gazetteerId`) ?? props.errors.get(props.path)}
      />
      <TextField
        label={t('place.text')}
        hint={t('place.text.hint')}
        value={props.value.text}
        onChange={(text) => props.onChange({ ...props.value, text })}
        error={props.errors.get(`${props.path}.text`)}
      />
    </fieldset>
  );
}

export function FacilityPicker(props: { facilityId: string; text: string; onChange(value: { facilityId: string; text: string }): void; errors: Map<string, string>; path: string }) {
  const { t, locale } = useI18n();
  const facility = props.facilityId ? getFacility(props.facilityId) : undefined;
  const toChoice = (id: string): Choice => {
    const each = getFacility(id);
    const where = each?.place ? getPlace(each.place) : undefined;
    return { id, label: facilityName(id, locale), detail: where ? placeWithProvince(where, locale) : '' };
  };
  return (
    <fieldset className="place-picker">
      <legend>{t('event.facility')}</legend>
      <GazetteerCombobox
        label={t('facility.gazetteer')}
        hint={t('facility.gazetteer.hint')}
        selected={facility ? toChoice(facility.id) : undefined}
        search={(query) => searchFacilities(query, 12).map((each) => toChoice(each.id))}
        onSelect={(facilityId) => props.onChange({ facilityId, text: props.text })}
        error={props.errors.get(`${props.path}.facilityId`) ?? props.errors.get(props.path)}
      />
      <TextField
        label={t('facility.text')}
        value={props.text}
        onChange={(text) => props.onChange({ facilityId: props.facilityId, text })}
        error={props.errors.get(`${props.path}.text`)}
      />
    </fieldset>
  );
}

/** Violation types: a filterable checklist, broader terms with their narrower ones under them. */
export function ViolationPicker(props: { selected: string[]; onChange(selected: string[]): void; error?: string | undefined }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = VIOLATION_TERMS.filter(
    (term) => needle === '' || term.ko.toLowerCase().includes(needle) || term.en.toLowerCase().includes(needle) || props.selected.includes(term.code),
  );
  const toggle = (code: string, checked: boolean) => {
    const next = checked ? [...props.selected, code] : props.selected.filter((each) => each !== code);
    props.onChange(VIOLATION_TERMS.map((term) => term.code as string).filter((each) => next.includes(each)));
  };
  return (
    <fieldset className="field violation-picker" aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>
        {t('event.violations')} <span className="muted">{t('event.violations.count', { count: props.selected.length })}</span>
      </legend>
      <TextField type="search" label={t('event.violations.filter')} value={filter} onChange={setFilter} />
      <div className="checklist">
        {shown.map((term) => (
          <label key={term.code} className={`checkbox${'parent' in term ? ' narrower' : ''}`}>
            <input type="checkbox" checked={props.selected.includes(term.code)} onChange={(event) => toggle(term.code, event.target.checked)} />
            <span>{term[locale]}</span>
          </label>
        ))}
      </div>
      {props.error && (
        <span id={`${id}-error`} className="field-error">
          {props.error}
        </span>
      )}
    </fieldset>
  );
}

type Certainty = '' | '~' | '?' | '%';

interface DateParts {
  year: string;
  part: string; // '', '01'…'12', '21'…'24'
  day: string;
  certainty: Certainty;
}

/** The builder's fields from an EDTF text, where the text is a plain (possibly qualified) date. */
export function edtfToParts(text: string): DateParts | undefined {
  if (text.trim() === '') return { year: '', part: '', day: '', certainty: '' };
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?$/.exec(text.trim());
  if (!match) return undefined;
  return { year: match[1]!, part: match[2] ?? '', day: match[3] ?? '', certainty: (match[4] ?? '') as Certainty };
}

export function partsToEdtf(parts: DateParts): string {
  if (!/^\d{4}$/.test(parts.year)) return parts.year;
  let text = parts.year;
  if (parts.part) {
    text += `-${parts.part}`;
    if (parts.day && Number(parts.part) <= 12) text += `-${parts.day.padStart(2, '0')}`;
  }
  return text + parts.certainty;
}

/** An EDTF date: typed directly, or built from year, month or season, day, and how sure. */
export function EdtfField(props: { label: string; value: string; onChange(value: string): void; error?: string | undefined }) {
  const { t, locale } = useI18n();
  const parts = edtfToParts(props.value);
  const parsed = props.value.trim() ? parseEdtf(props.value.trim()) : undefined;
  const meaning = parsed === undefined ? t('date.meaning.empty') : parsed.ok ? formatEdtf(parsed.value, locale) : undefined;
  const set = (change: Partial<DateParts>) => props.onChange(partsToEdtf({ ...(parts ?? { year: '', part: '', day: '', certainty: '' }), ...change }));
  const months = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0'));
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long' });
  return (
    <fieldset className="edtf-field">
      <legend>{props.label}</legend>
      <TextField label={t('date.edtf')} hint={t('date.edtf.hint')} value={props.value} onChange={props.onChange} error={props.error} className="mono" />
      {parts ? (
        <div className="date-builder" role="group" aria-label={t('date.builder')}>
          <TextField label={t('date.year')} value={parts.year} inputMode="numeric" maxLength={4} onChange={(year) => set({ year })} />
          <div className="field">
            <label>
              {t('date.part')}
              <select value={parts.part} onChange={(event) => set({ part: event.target.value, day: Number(event.target.value) > 12 ? '' : parts.day })}>
                <option value="">{t('date.part.none')}</option>
                <optgroup label={t('date.seasons')}>
                  <option value="21">{t('date.season.spring')}</option>
                  <option value="22">{t('date.season.summer')}</option>
                  <option value="23">{t('date.season.autumn')}</option>
                  <option value="24">{t('date.season.winter')}</option>
                </optgroup>
                <optgroup label={t('date.months')}>
                  {months.map((month) => (
                    <option key={month} value={month}>
                      {monthName.format(new Date(2001, Number(month) - 1, 1))}
                    </option>
                  ))}
                </optgroup>
              </select>
            </label>
          </div>
          {parts.part !== '' && Number(parts.part) <= 12 && (
            <TextField label={t('date.day')} value={parts.day} inputMode="numeric" maxLength={2} onChange={(day) => set({ day })} />
          )}
          <div className="field">
            <label>
              {t('date.certainty')}
              <select value={parts.certainty} onChange={(event) => set({ certainty: event.target.value as Certainty })}>
                <option value="">{t('date.certainty.exact')}</option>
                <option value="~">{t('date.certainty.approximate')}</option>
                <option value="?">{t('date.certainty.uncertain')}</option>
                <option value="%">{t('date.certainty.both')}</option>
              </select>
            </label>
          </div>
        </div>
      ) : (
        <p className="field-hint">{t('date.builder.complex')}</p>
      )}
      <p className="date-meaning" aria-live="polite">
        {meaning !== undefined && (
          <>
            {t('date.meaning')}: <strong>{meaning}</strong>
          </>
        )}
      </p>
    </fieldset>
  );
}
