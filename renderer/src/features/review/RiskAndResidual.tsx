/**
 * What the release as it stands would fail or risk: the residual check's hits (any one blocks
 * approval), and how many testimonies in the vault share its quasi-identifiers, with the field
 * whose next generalisation raises that count most (a warning; it does not block).
 */
import type { PreviewView } from './ReviewDetail';
import { useI18n } from '../../i18n';
import { fieldOperatorLabel, levelLabel, pathLabel, typeLabel } from './review-labels';

type Decisions = NonNullable<PreviewView['risk']['suggestion']>['decisions'];

export function RiskAndResidual({ preview, disabled, onApplySuggestion }: { preview: PreviewView; disabled: boolean; onApplySuggestion(decisions: Decisions): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const texts = new Map(preview.texts.map((text) => [text.path, text.text]));
  const { risk } = preview;
  return (
    <section className="review-section" aria-labelledby="checks-title">
      <h2 id="checks-title">{t('review.checks')}</h2>
      <h3>{t('review.residual')}</h3>
      {preview.residual.length === 0 ? (
        <p className="ok-text">{t('review.residual.none')}</p>
      ) : (
        <div className="residual" role="alert">
          <p className="warning">{t('review.residual.found', { count: preview.residual.length })}</p>
          <ul>
            {preview.residual.map((hit, index) => (
              <li key={index}>
                <span className={`type-badge type-${hit.type}`}>{typeLabel(i18n, hit.type)}</span> «{texts.get(hit.field)?.slice(hit.start, hit.end) ?? ''}» ·{' '}
                {pathLabel(i18n, hit.field)} · {t(`review.residual.source.${hit.source}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('review.risk')}</h3>
      {risk.belowK ? (
        <div className="notice">
          <p>{t('review.risk.below', { count: risk.count, k: risk.k })}</p>
          {risk.suggestion && (
            <>
              <p>
                {t('review.risk.suggestion', {
                  field: t(`review.quasi.${risk.suggestion.quasiField}`),
                  how: risk.suggestion.decisions
                    .map((decision) => `${pathLabel(i18n, decision.path)} → ${fieldOperatorLabel(i18n, decision.operator)}${decision.level ? ` (${levelLabel(i18n, decision.level)})` : ''}`)
                    .join(', '),
                  count: risk.suggestion.count,
                })}
              </p>
              <button type="button" disabled={disabled} onClick={() => onApplySuggestion(risk.suggestion!.decisions)}>
                {t('review.risk.apply')}
              </button>
            </>
          )}
        </div>
      ) : (
        <p className="ok-text">{t('review.risk.ok', { count: risk.count, k: risk.k })}</p>
      )}
      {preview.pending > 0 && <p className="notice">{t('review.pending-safe', { count: preview.pending })}</p>}
    </section>
  );
}
