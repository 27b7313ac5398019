/**
 * One suggestion (or span marked by hand) with its controls: its type as a word, the text it
 * covers, its status, the operator (choosing one accepts the span with it), the level of a
 * generalisation, "every occurrence", accept and reject. The group is named after the span so that
 * a screen reader says which one its buttons act on.
 */
import { useState } from 'react';
import type { ReviewItem } from '@shared/ipc/channels/review';
import { useI18n } from '../../i18n';
import { levelLabel, levelsFor, operatorLabel, STATUS_KEYS, typeLabel } from './review-labels';

export interface DecideOptions {
  operator?: ReviewItem['operator'];
  level?: 'year' | 'decade' | 'band5';
  everyOccurrence?: boolean;
  /** The same pseudonym as this other span (a nickname of a named person, say). */
  sameAs?: string;
}

/** Another span that this one may be joined with: the same person, place or facility. */
export interface SameAsOption {
  id: string;
  text: string;
}

export function ItemRow({
  item,
  fieldLabel,
  disabled,
  sameAsOptions = [],
  typeLevel,
  onDecide,
}: {
  item: ReviewItem;
  fieldLabel: string;
  disabled: boolean;
  sameAsOptions?: readonly SameAsOption[];
  /** The level set for the item's type, which applies where the item has none of its own. */
  typeLevel?: 'year' | 'decade' | 'band5' | undefined;
  onDecide(decision: 'accept' | 'reject', options: DecideOptions): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [everyOccurrence, setEveryOccurrence] = useState(false);
  const levels = levelsFor(item.type);
  const type = typeLabel(i18n, item.type);
  const pseudonym = item.pseudonym ? item.pseudonym[i18n.locale] : undefined;
  return (
    <li id={`item-${item.id}`} className={`item item-${item.status}`} role="group" aria-label={t('review.item.name', { type, text: item.surface, field: fieldLabel })}>
      <div className="item-what">
        <span className={`type-badge type-${item.type}`}>{type}</span>
        <span className="item-surface">«{item.surface}»</span>
        <span className={`item-status status-${item.status}`}>
          {t(STATUS_KEYS[item.status])}
          {item.decidedBy ? ` · ${item.decidedBy}` : ''}
        </span>
        {item.status === 'accepted' && pseudonym && <span className="item-pseudonym">→ {pseudonym}</span>}
        <span className="muted small-text">
          {item.id} · {item.origin === 'reviewer' ? t('review.item.by-hand') : item.reason}
          {item.score !== undefined ? ` · ${t('review.item.score', { score: Math.round(item.score * 100) })}` : ''}
        </span>
      </div>
      <div className="item-controls">
        <select
          aria-label={t('review.item.operator')}
          value={item.status === 'rejected' ? 'keep' : item.operator}
          disabled={disabled}
          onChange={(event) => {
            const operator = event.target.value as ReviewItem['operator'];
            onDecide('accept', { operator, everyOccurrence, ...(operator === 'generalise' && levels.length > 0 ? { level: levels[0] } : {}) });
          }}
        >
          {item.allowedOperators.map((operator) => (
            <option key={operator} value={operator}>
              {operatorLabel(i18n, operator)}
            </option>
          ))}
        </select>
        {item.operator === 'generalise' && item.status !== 'rejected' && levels.length > 0 && (
          <select
            aria-label={t('review.item.level')}
            value={item.level ?? typeLevel ?? levels[0]}
            disabled={disabled}
            onChange={(event) => onDecide('accept', { operator: 'generalise', level: event.target.value as 'year' | 'decade', everyOccurrence })}
          >
            {levels.map((level) => (
              <option key={level} value={level}>
                {levelLabel(i18n, level)}
              </option>
            ))}
          </select>
        )}
        {sameAsOptions.length > 0 && (
          <select
            aria-label={t('review.item.same-as')}
            value=""
            disabled={disabled}
            onChange={(event) => event.target.value && onDecide('accept', { operator: 'pseudonym', sameAs: event.target.value, everyOccurrence })}
          >
            <option value="">{t('review.item.same-as.choose')}</option>
            {sameAsOptions.map((option) => (
              <option key={option.id} value={option.id}>
                {t('review.item.same-as.option', { text: option.text })}
              </option>
            ))}
          </select>
        )}
        <label className="checkbox">
          <input type="checkbox" checked={everyOccurrence} disabled={disabled} onChange={(event) => setEveryOccurrence(event.target.checked)} />
          <span>{t('review.item.every')}</span>
        </label>
        <button type="button" className="small" disabled={disabled} aria-pressed={item.status === 'accepted'} onClick={() => onDecide('accept', { everyOccurrence })}>
          {t('review.item.accept')}
        </button>
        <button type="button" className="small" disabled={disabled} aria-pressed={item.status === 'rejected'} onClick={() => onDecide('reject', { everyOccurrence })}>
          {t('review.item.reject')}
        </button>
      </div>
    </li>
  );
}
