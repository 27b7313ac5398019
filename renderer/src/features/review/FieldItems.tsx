/**
 * Structured fields that a release may carry (birth year, home county, year of leaving, event
 * dates and places, …): each with its value, the suggestion, the operator chosen, and what the
 * release would hold now. Identifying fields (names, the consent block, the code) are always
 * dropped and so are not listed here; the page says so.
 */
import type { ReviewItem } from '@shared/ipc/channels/review';
import { getAtPath } from '@shared/redaction/text-fields';
import { useI18n, type I18n } from '../../i18n';
import type { PreviewView } from './ReviewDetail';
import { fieldOperatorLabel, fieldValueText, levelLabel, levelsFor, pathLabel, STATUS_KEYS, typeLabel, valueText } from './review-labels';

type Level = 'year' | 'decade' | 'band5';

function releasedValue(i18n: I18n, item: ReviewItem, preview: PreviewView | undefined): string {
  if (!preview) return '—';
  if (item.field === 'interviewee.birthYear' && preview.generalised.birthDecade !== undefined) {
    return i18n.t('review.value.decade', { decade: preview.generalised.birthDecade });
  }
  if (item.field === 'interviewee.yearLeftNorthKorea' && preview.generalised.yearLeftNorthKorea) {
    return i18n.t('review.value.band', preview.generalised.yearLeftNorthKorea);
  }
  const value = getAtPath(preview.record, item.field);
  return value === undefined ? i18n.t('review.value.dropped') : valueText(i18n, value);
}

export function FieldItems({
  items,
  preview,
  disabled,
  onDecide,
  onSet,
}: {
  items: readonly ReviewItem[];
  preview: PreviewView | undefined;
  disabled: boolean;
  onDecide(item: ReviewItem, decision: 'accept' | 'reject'): void;
  onSet(item: ReviewItem, operator: ReviewItem['operator'], level?: Level): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="review-section" aria-labelledby="field-items-title">
      <h2 id="field-items-title">{t('review.fields')}</h2>
      <p className="muted small-text">{t('review.fields.hint')}</p>
      {items.length === 0 ? (
        <p className="empty">{t('review.fields.none')}</p>
      ) : (
        <table className="table field-items">
          <thead>
            <tr>
              <th scope="col">{t('review.fields.field')}</th>
              <th scope="col">{t('review.fields.value')}</th>
              <th scope="col">{t('review.fields.decision')}</th>
              <th scope="col">{t('review.fields.released')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const label = pathLabel(i18n, item.field);
              const levels = levelsFor(item.type, item.field);
              const operator = item.status === 'rejected' ? 'keep' : item.operator;
              return (
                <tr key={item.id} id={`item-${item.id}`} className={`item-${item.status}`}>
                  <th scope="row">
                    <span className={`type-badge type-${item.type}`}>{typeLabel(i18n, item.type)}</span> {label}
                  </th>
                  <td>{fieldValueText(i18n, item.surface)}</td>
                  <td>
                    <div className="item-controls" role="group" aria-label={t('review.fields.controls', { field: label })}>
                      <span className={`item-status status-${item.status}`}>{t(STATUS_KEYS[item.status])}</span>
                      <select
                        aria-label={t('review.item.operator')}
                        value={operator}
                        disabled={disabled}
                        onChange={(event) => {
                          const chosen = event.target.value as ReviewItem['operator'];
                          onSet(item, chosen, chosen === 'generalise' ? levels[0] : undefined);
                        }}
                      >
                        {item.allowedOperators.map((each) => (
                          <option key={each} value={each}>
                            {fieldOperatorLabel(i18n, each)}
                          </option>
                        ))}
                      </select>
                      {operator === 'generalise' && levels.length > 1 && (
                        <select aria-label={t('review.item.level')} value={item.level ?? levels[0]} disabled={disabled} onChange={(event) => onSet(item, 'generalise', event.target.value as Level)}>
                          {levels.map((level) => (
                            <option key={level} value={level}>
                              {levelLabel(i18n, level)}
                            </option>
                          ))}
                        </select>
                      )}
                      <button type="button" className="small" disabled={disabled} aria-pressed={item.status === 'accepted'} onClick={() => onDecide(item, 'accept')}>
                        {t('review.item.accept')}
                      </button>
                      <button type="button" className="small" disabled={disabled} aria-pressed={item.status === 'rejected'} onClick={() => onDecide(item, 'reject')}>
                        {t('review.item.reject')}
                      </button>
                    </div>
                  </td>
                  <td>{releasedValue(i18n, item, preview)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
