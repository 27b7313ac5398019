/**
 * The interview form: interviewee (identifying details apart and marked), consent, people, events,
 * narrative and translation. It edits a Draft; saving is the screen's (autosave).
 *
 * Each section is memoised and gets only its slice of the draft and one stable `update` function,
 * so that a keystroke re-renders the field being typed in, not the whole form (typing latency).
 */
import { memo, useMemo } from 'react';
import { CONSENT_METHOD_TERMS, CONSENT_SCOPE_TERMS, INSTITUTION_TERMS, RELATION_TERMS } from '@shared/testimony/vocabulary';
import { ISO_COUNTRY_CODES } from '@shared/testimony/countries';
import { useI18n } from '../../i18n';
import { CheckboxGroup, SelectField, TextField, type Option } from '../../components/fields';
import { newEvent, newPerpetrator, newPerson, type Draft, type EventDraft, type PersonDraft } from './draft';
import { EdtfField, FacilityPicker, PlacePicker, ViolationPicker } from './pickers';

const LANGUAGES = ['ko', 'en', 'zh', 'ja', 'ru'];

/** Changes the draft from its latest state; the same function for the life of the screen. */
export type Update = (recipe: (draft: Draft) => Draft) => void;

type Errors = Map<string, string>;

function useVocabulary() {
  const { locale } = useI18n();
  return (terms: ReadonlyArray<{ code: string; ko: string; en: string }>): Option[] => terms.map((term) => ({ value: term.code, label: term[locale] }));
}

function useLanguageOptions(): Option[] {
  const { locale } = useI18n();
  return useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'language' });
    return LANGUAGES.map((code) => ({ value: code, label: names.of(code) ?? code }));
  }, [locale]);
}

export const TestimonyForm = memo(function TestimonyForm({ draft, update, errors }: { draft: Draft; update: Update; errors: Errors }) {
  const { t } = useI18n();
  return (
    <div className="testimony-form">
      <nav className="form-sections" aria-label={t('form.sections')}>
        <a href="#section-interviewee">{t('form.interviewee')}</a>
        <a href="#section-consent">{t('form.consent')}</a>
        <a href="#section-people">{t('form.people')}</a>
        <a href="#section-events">{t('form.events')}</a>
        <a href="#section-narrative">{t('form.narrative')}</a>
      </nav>
      <TitleField title={draft.title} update={update} error={errors.get('title')} />
      <IntervieweeSection person={draft.interviewee} update={update} errors={errors} />
      <ConsentSection consent={draft.consent} update={update} errors={errors} />
      <PeopleSection people={draft.people} update={update} errors={errors} />
      <EventsSection events={draft.events} people={draft.people} update={update} errors={errors} />
      <NarrativeSection
        narrativeLanguage={draft.narrativeLanguage}
        narrative={draft.narrative}
        translationLanguage={draft.translationLanguage}
        translation={draft.translation}
        translator={draft.translator}
        tags={draft.tags}
        update={update}
        errors={errors}
      />
    </div>
  );
});

const TitleField = memo(function TitleField({ title, update, error }: { title: string; update: Update; error: string | undefined }) {
  const { t } = useI18n();
  return <TextField label={t('form.title')} value={title} onChange={(value) => update((draft) => ({ ...draft, title: value }))} error={error} required maxLength={300} />;
});

const IntervieweeSection = memo(function IntervieweeSection({ person, update, errors }: { person: Draft['interviewee']; update: Update; errors: Errors }) {
  const { t, locale } = useI18n();
  const setPerson = (change: Partial<Draft['interviewee']>) => update((draft) => ({ ...draft, interviewee: { ...draft.interviewee, ...change } }));
  const countryOptions = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return [...ISO_COUNTRY_CODES]
      .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [locale]);
  return (
      <section id="section-interviewee" aria-labelledby="heading-interviewee" className="form-section">
        <h2 id="heading-interviewee">{t('form.interviewee')}</h2>
        <div className="grid">
          <TextField label={t('interviewee.code')} hint={t('interviewee.code.hint')} value={person.code} onChange={(code) => setPerson({ code })} error={errors.get('interviewee.code')} className="mono" />
          <TextField label={t('interviewee.birthYear')} value={person.birthYear} inputMode="numeric" maxLength={4} onChange={(birthYear) => setPerson({ birthYear })} error={errors.get('interviewee.birthYear')} />
          <SelectField
            label={t('interviewee.sex')}
            value={person.sex}
            emptyLabel={t('form.not-given')}
            options={(['female', 'male', 'other', 'undisclosed'] as const).map((sex) => ({ value: sex, label: t(`sex.${sex}`) }))}
            onChange={(sex) => setPerson({ sex })}
            error={errors.get('interviewee.sex')}
          />
          <TextField label={t('interviewee.yearLeft')} value={person.yearLeftNorthKorea} inputMode="numeric" maxLength={4} onChange={(yearLeftNorthKorea) => setPerson({ yearLeftNorthKorea })} error={errors.get('interviewee.yearLeftNorthKorea')} />
          <SelectField label={t('interviewee.country')} value={person.currentCountry} emptyLabel={t('form.not-given')} options={countryOptions} onChange={(currentCountry) => setPerson({ currentCountry })} error={errors.get('interviewee.currentCountry')} />
          <TextField label={t('interviewee.occupation')} value={person.occupation} onChange={(occupation) => setPerson({ occupation })} error={errors.get('interviewee.occupation')} />
        </div>
        <div className="grid two">
          <PlacePicker legend={t('interviewee.homeProvince')} rule="nk-province" value={person.homeProvince} onChange={(homeProvince) => setPerson({ homeProvince })} errors={errors} path="interviewee.homeProvince" />
          <PlacePicker
            legend={t('interviewee.homeCounty')}
            rule="nk-below-province"
            withinProvince={person.homeProvince.gazetteerId || undefined}
            value={person.homeCounty}
            onChange={(homeCounty) => setPerson({ homeCounty })}
            errors={errors}
            path="interviewee.homeCounty"
          />
        </div>
        <fieldset className="identifying-block">
          <legend>
            {t('identity.title')} <span className="badge badge-identifying">{t('field.identifying')}</span>
          </legend>
          <p className="field-hint">{t('identity.explain')}</p>
          <div className="grid">
            <TextField identifying label={t('identity.realName')} value={person.realName} onChange={(realName) => setPerson({ realName })} error={errors.get('interviewee.identity.realName')} />
            <TextField identifying label={t('identity.otherNames')} hint={t('form.list.hint')} value={person.otherNames} onChange={(otherNames) => setPerson({ otherNames })} error={errors.get('interviewee.identity.otherNames')} />
            <TextField identifying label={t('identity.birthDate')} hint={t('date.edtf.hint')} value={person.birthDate} onChange={(birthDate) => setPerson({ birthDate })} error={errors.get('interviewee.identity.birthDate')} className="mono" />
            <TextField identifying label={t('identity.phone')} value={person.phone} onChange={(phone) => setPerson({ phone })} error={errors.get('interviewee.identity.phone')} />
          </div>
          <TextField identifying label={t('identity.address')} value={person.address} onChange={(address) => setPerson({ address })} error={errors.get('interviewee.identity.address')} />
          <TextField identifying multiline rows={3} label={t('identity.notes')} value={person.notes} onChange={(notes) => setPerson({ notes })} error={errors.get('interviewee.identity.notes')} />
        </fieldset>
      </section>

  );
});

const ConsentSection = memo(function ConsentSection({ consent, update, errors }: { consent: Draft['consent']; update: Update; errors: Errors }) {
  const { t } = useI18n();
  const vocabulary = useVocabulary();
  const setConsent = (change: Partial<Draft['consent']>) => update((draft) => ({ ...draft, consent: { ...draft.consent, ...change } }));
  return (
      <section id="section-consent" aria-labelledby="heading-consent" className="form-section">
        <h2 id="heading-consent">{t('form.consent')}</h2>
        <label className="checkbox">
          <input type="checkbox" checked={consent.given} onChange={(event) => setConsent({ given: event.target.checked })} />
          <span>{t('consent.given')}</span>
        </label>
        {consent.given && (
          <>
            <CheckboxGroup legend={t('consent.scopes')} options={vocabulary(CONSENT_SCOPE_TERMS)} selected={consent.scopes} onChange={(scopes) => setConsent({ scopes })} error={errors.get('consent.scopes')} />
            <div className="grid">
              <SelectField label={t('consent.obtained')} value={consent.obtained} emptyLabel={t('form.choose')} options={vocabulary(CONSENT_METHOD_TERMS)} onChange={(obtained) => setConsent({ obtained })} error={errors.get('consent.obtained')} />
              <TextField type="date" label={t('consent.date')} value={consent.date} onChange={(date) => setConsent({ date })} error={errors.get('consent.date')} />
              <TextField label={t('consent.obtainedBy')} value={consent.obtainedBy} onChange={(obtainedBy) => setConsent({ obtainedBy })} error={errors.get('consent.obtainedBy')} />
            </div>
            <label className="checkbox">
              <input type="checkbox" checked={consent.withdrawn} onChange={(event) => setConsent({ withdrawn: event.target.checked })} />
              <span>{t('consent.withdrawn')}</span>
            </label>
            {consent.withdrawn && (
              <div className="withdrawal">
                <TextField type="date" label={t('consent.withdrawal.date')} value={consent.withdrawalDate} onChange={(withdrawalDate) => setConsent({ withdrawalDate })} error={errors.get('consent.withdrawal.date')} />
                <CheckboxGroup
                  legend={t('consent.withdrawal.scopes')}
                  options={vocabulary(CONSENT_SCOPE_TERMS)}
                  selected={consent.scopesWithdrawn}
                  onChange={(scopesWithdrawn) => setConsent({ scopesWithdrawn })}
                  error={errors.get('consent.withdrawal.scopesWithdrawn')}
                />
                <TextField multiline rows={2} label={t('consent.withdrawal.note')} value={consent.withdrawalNote} onChange={(withdrawalNote) => setConsent({ withdrawalNote })} />
              </div>
            )}
          </>
        )}
      </section>

  );
});

const PeopleSection = memo(function PeopleSection({ people, update, errors }: { people: PersonDraft[]; update: Update; errors: Errors }) {
  const { t } = useI18n();
  const vocabulary = useVocabulary();
  const setPeople = (recipe: (people: PersonDraft[]) => PersonDraft[]) => update((draft) => ({ ...draft, people: recipe(draft.people) }));
  return (
      <section id="section-people" aria-labelledby="heading-people" className="form-section">
        <h2 id="heading-people">{t('form.people')}</h2>
        <p className="field-hint">{t('people.explain')}</p>
        {people.map((each, index) => {
          const setEach = (change: Partial<PersonDraft>) => setPeople((list) => list.map((other, at) => (at === index ? { ...other, ...change } : other)));
          const path = `people[${index}]`;
          return (
            <fieldset key={each.key} className="card">
              <legend>{t('people.person', { number: index + 1, id: each.id })}</legend>
              <div className="grid">
                <SelectField label={t('people.relation')} value={each.relation} options={vocabulary(RELATION_TERMS)} onChange={(relation) => setEach({ relation })} error={errors.get(`${path}.relation`)} />
                <TextField identifying label={t('people.name')} value={each.name} onChange={(name) => setEach({ name })} error={errors.get(`${path}.name`)} />
                <TextField identifying label={t('people.otherNames')} hint={t('form.list.hint')} value={each.otherNames} onChange={(otherNames) => setEach({ otherNames })} error={errors.get(`${path}.otherNames`)} />
              </div>
              <TextField multiline rows={2} label={t('people.note')} value={each.note} onChange={(note) => setEach({ note })} error={errors.get(`${path}.note`)} />
              <button type="button" className="danger small" onClick={() => setPeople((list) => list.filter((_, at) => at !== index))}>
                {t('people.remove', { number: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        {errors.get('people') && <p className="field-error">{errors.get('people')}</p>}
        <button type="button" onClick={() => setPeople((list) => [...list, newPerson(list.map((each) => each.id))])}>
          {t('people.add')}
        </button>
      </section>

  );
});

const EventsSection = memo(function EventsSection({ events, people, update, errors }: { events: EventDraft[]; people: PersonDraft[]; update: Update; errors: Errors }) {
  const { t, locale } = useI18n();
  const peopleOptions = useMemo(
    () =>
      people.map((each) => ({
        value: each.id,
        label: `${each.name || t('people.unnamed')} · ${RELATION_TERMS.find((term) => term.code === each.relation)?.[locale] ?? each.relation}`,
      })),
    [people, t, locale],
  );
  return (
      <section id="section-events" aria-labelledby="heading-events" className="form-section">
        <h2 id="heading-events">{t('form.events')}</h2>
        {events.map((event, index) => (
          <EventCard key={event.key} event={event} index={index} peopleOptions={peopleOptions} update={update} errors={errors} />
        ))}
        <button type="button" onClick={() => update((draft) => ({ ...draft, events: [...draft.events, newEvent(draft.events.map((each) => each.id))] }))}>
          {t('event.add')}
        </button>
      </section>

  );
});

const EventCard = memo(function EventCard({ event, index, peopleOptions, update, errors }: { event: EventDraft; index: number; peopleOptions: Option[]; update: Update; errors: Errors }) {
  const { t } = useI18n();
  const vocabulary = useVocabulary();
  const setEvent = (change: Partial<EventDraft>) =>
    update((draft) => ({ ...draft, events: draft.events.map((each, at) => (at === index ? { ...each, ...change } : each)) }));
  const path = `events[${index}]`;
  return (
    <fieldset key={event.key} className="card event-card">
      <legend>{t('event.number', { number: index + 1 })}</legend>
      <ViolationPicker selected={event.violations} onChange={(violations) => setEvent({ violations })} error={errors.get(`${path}.violations`)} />
      <EdtfField label={t('event.date')} value={event.date} onChange={(date) => setEvent({ date })} error={errors.get(`${path}.date`)} />
      <div className="grid two">
        <PlacePicker legend={t('event.place')} rule="any" value={event.place} onChange={(place) => setEvent({ place })} errors={errors} path={`${path}.place`} />
        <FacilityPicker
          facilityId={event.facilityId}
          text={event.facilityText}
          onChange={(value) => setEvent({ facilityId: value.facilityId, facilityText: value.text })}
          errors={errors}
          path={`${path}.facility`}
        />
      </div>
      <fieldset className="perpetrators">
        <legend>{t('event.perpetrators')}</legend>
        {event.perpetrators.map((perpetrator, at) => {
          const setPerpetrator = (change: Partial<typeof perpetrator>) =>
            setEvent({ perpetrators: event.perpetrators.map((other, which) => (which === at ? { ...other, ...change } : other)) });
          const perpetratorPath = `${path}.perpetrators[${at}]`;
          return (
            <div key={perpetrator.key} className="grid perpetrator" role="group" aria-label={t('perpetrator.number', { number: at + 1 })}>
              <SelectField label={t('perpetrator.institution')} value={perpetrator.institution} options={vocabulary(INSTITUTION_TERMS)} onChange={(institution) => setPerpetrator({ institution })} error={errors.get(`${perpetratorPath}.institution`)} />
              <TextField label={t('perpetrator.rank')} value={perpetrator.rank} onChange={(rank) => setPerpetrator({ rank })} error={errors.get(`${perpetratorPath}.rank`)} />
              <SelectField label={t('perpetrator.person')} value={perpetrator.personId} emptyLabel={t('form.not-given')} options={peopleOptions} onChange={(personId) => setPerpetrator({ personId })} error={errors.get(`${perpetratorPath}.personId`)} />
              <TextField label={t('perpetrator.note')} value={perpetrator.note} onChange={(note) => setPerpetrator({ note })} />
              <button type="button" className="danger small" onClick={() => setEvent({ perpetrators: event.perpetrators.filter((_, which) => which !== at) })}>
                {t('perpetrator.remove', { number: at + 1 })}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => setEvent({ perpetrators: [...event.perpetrators, newPerpetrator()] })}>
          {t('perpetrator.add')}
        </button>
      </fieldset>
      {peopleOptions.length > 0 ? (
        <div className="grid two">
          <CheckboxGroup legend={t('event.victims')} options={peopleOptions} selected={event.victimIds} onChange={(victimIds) => setEvent({ victimIds })} error={errors.get(`${path}.victimIds[0]`)} />
          <CheckboxGroup legend={t('event.witnesses')} options={peopleOptions} selected={event.witnessIds} onChange={(witnessIds) => setEvent({ witnessIds })} error={errors.get(`${path}.witnessIds[0]`)} />
        </div>
      ) : (
        <p className="field-hint">{t('event.people.none')}</p>
      )}
      <TextField multiline rows={3} label={t('event.description')} value={event.description} onChange={(description) => setEvent({ description })} error={errors.get(`${path}.description`)} />
      <button type="button" className="danger small" onClick={() => update((draft) => ({ ...draft, events: draft.events.filter((_, at) => at !== index) }))}>
        {t('event.remove', { number: index + 1 })}
      </button>
    </fieldset>
  );
});

type NarrativeFields = Pick<Draft, 'narrativeLanguage' | 'narrative' | 'translationLanguage' | 'translation' | 'translator' | 'tags'>;

const NarrativeSection = memo(function NarrativeSection(props: NarrativeFields & { update: Update; errors: Errors }) {
  const { t } = useI18n();
  const languageOptions = useLanguageOptions();
  const { update, errors } = props;
  const set = (change: Partial<Draft>) => update((draft) => ({ ...draft, ...change }));
  return (
      <section id="section-narrative" aria-labelledby="heading-narrative" className="form-section">
        <h2 id="heading-narrative">{t('form.narrative')}</h2>
        <SelectField label={t('narrative.language')} value={props.narrativeLanguage} options={languageOptions} onChange={(narrativeLanguage) => set({ narrativeLanguage })} />
        <TextField multiline rows={14} label={t('narrative.text')} value={props.narrative} onChange={(narrative) => set({ narrative })} error={errors.get('narrative.text')} lang={props.narrativeLanguage} required />
        <h3>{t('translation.title')}</h3>
        <div className="grid two">
          <SelectField label={t('translation.language')} value={props.translationLanguage} options={languageOptions} onChange={(translationLanguage) => set({ translationLanguage })} />
          <TextField label={t('translation.translator')} value={props.translator} onChange={(translator) => set({ translator })} error={errors.get('translation.translator')} />
        </div>
        <TextField multiline rows={10} label={t('translation.text')} value={props.translation} onChange={(translation) => set({ translation })} error={errors.get('translation.text')} lang={props.translationLanguage} />
        <TextField label={t('form.tags')} hint={t('form.list.hint')} value={props.tags} onChange={(tags) => set({ tags })} error={errors.get('tags')} />
      </section>
  );
});
