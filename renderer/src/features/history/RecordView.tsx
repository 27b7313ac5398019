/**
 * A stored record, read-only. Every value is rendered as text by React (never as HTML), so a field
 * holding markup or script shows that markup as characters.
 */
import type { TestimonyRecord } from '@shared/testimony/schema';
import { formatEdtf } from '@shared/testimony/edtf';
import { useI18n } from '../../i18n';
import { facilityName, placeName, term } from '../../app/labels';

function Row({ label, value, identifying }: { label: string; value: string | number | undefined; identifying?: boolean }) {
  const { t } = useI18n();
  if (value === undefined || value === '') return null;
  return (
    <>
      <dt>
        {label}
        {identifying && <span className="badge badge-identifying"> {t('field.identifying')}</span>}
      </dt>
      <dd>{String(value)}</dd>
    </>
  );
}

export function RecordView({ record }: { record: TestimonyRecord }) {
  const { t, locale } = useI18n();
  const place = (ref: { gazetteerId?: string | undefined; text?: string | undefined } | undefined) =>
    ref ? [ref.gazetteerId ? placeName(ref.gazetteerId, locale) : '', ref.text ?? ''].filter(Boolean).join(' — ') : undefined;
  const people = new Map(record.people.map((person) => [person.id, person.name ?? person.id]));
  const person = record.interviewee;
  return (
    <article className="record-view">
      <h3>{record.title}</h3>
      <dl>
        <Row label={t('interviewee.code')} value={person?.code} />
        <Row label={t('identity.realName')} value={person?.identity?.realName} identifying />
        <Row label={t('identity.otherNames')} value={person?.identity?.otherNames.join(', ')} identifying />
        <Row label={t('identity.phone')} value={person?.identity?.phone} identifying />
        <Row label={t('identity.address')} value={person?.identity?.address} identifying />
        <Row label={t('interviewee.birthYear')} value={person?.birthYear} />
        <Row label={t('interviewee.sex')} value={person?.sex ? t(`sex.${person.sex}`) : undefined} />
        <Row label={t('interviewee.homeProvince')} value={place(person?.homeProvince)} />
        <Row label={t('interviewee.homeCounty')} value={place(person?.homeCounty)} />
        <Row label={t('interviewee.yearLeft')} value={person?.yearLeftNorthKorea} />
        <Row label={t('interviewee.country')} value={person?.currentCountry} />
        <Row label={t('interviewee.occupation')} value={person?.occupation} />
        <Row label={t('consent.scopes')} value={record.consent?.scopes.map((scope) => term('consentScope', scope, locale)).join(', ')} />
      </dl>
      {record.people.length > 0 && (
        <>
          <h4>{t('form.people')}</h4>
          <ul>
            {record.people.map((each) => (
              <li key={each.id}>
                {term('relation', each.relation, locale)}: {each.name ?? t('people.unnamed')}
                {each.otherNames.length > 0 && ` (${each.otherNames.join(', ')})`}
                {each.note && ` — ${each.note}`}
              </li>
            ))}
          </ul>
        </>
      )}
      {record.events.length > 0 && (
        <>
          <h4>{t('form.events')}</h4>
          <ol>
            {record.events.map((event) => (
              <li key={event.id}>
                <dl>
                  <Row label={t('event.violations')} value={event.violations.map((code) => term('violation', code, locale)).join(', ')} />
                  <Row label={t('event.date')} value={event.date ? `${formatEdtf(event.date, locale)} (${event.date})` : undefined} />
                  <Row label={t('event.place')} value={place(event.place)} />
                  <Row label={t('event.facility')} value={event.facility ? [event.facility.facilityId ? facilityName(event.facility.facilityId, locale) : '', event.facility.text ?? ''].filter(Boolean).join(' — ') : undefined} />
                  <Row
                    label={t('event.perpetrators')}
                    value={event.perpetrators.map((each) => [term('institution', each.institution, locale), each.rank, each.personId ? people.get(each.personId) : undefined].filter(Boolean).join(' · ')).join('; ')}
                  />
                  <Row label={t('event.victims')} value={event.victimIds.map((id) => people.get(id) ?? id).join(', ')} />
                  <Row label={t('event.witnesses')} value={event.witnessIds.map((id) => people.get(id) ?? id).join(', ')} />
                  <Row label={t('event.description')} value={event.description} />
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
      <h4>{t('form.narrative')}</h4>
      <p className="narrative-text" lang={record.narrative.language}>
        {record.narrative.text}
      </p>
      {record.translation && (
        <>
          <h4>{t('translation.title')}</h4>
          <p className="narrative-text" lang={record.translation.language}>
            {record.translation.text}
          </p>
        </>
      )}
    </article>
  );
}
