/**
 * Prepare, check and approve a release. Four eyes: whoever prepared a release cannot approve it;
 * the page says so beforehand and words the service's refusal if it is tried anyway. Approval is
 * offered only when the check finds nothing blocking; the service checks again itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAlive } from './use-alive';
import type { IpcResponse } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FormError } from '../../components/fields';

type Release = NonNullable<IpcResponse<'release:show'>['release']>;
type Check = IpcResponse<'release:check'>;

export function ReleasePanel({
  testimonyId,
  mayReview,
  stale,
  pending,
  changes,
  onChanged,
}: {
  testimonyId: string;
  mayReview: boolean;
  stale: boolean;
  pending: number;
  changes: number;
  onChanged(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [release, setRelease] = useState<Release | null | undefined>(undefined);
  const [check, setCheck] = useState<Check | undefined>(undefined);
  const [error, setError] = useState('');
  // Clicks during a request are ignored, not disabled: a disabled button would drop the keyboard's focus.
  const [busy, setBusy] = useState(false);
  const working = useRef(false);
  const alive = useAlive();

  const reload = useCallback(async () => {
    const shown = await request('release:show', { testimonyId });
    if (!alive.current) return;
    if (!shown.ok) return setError(errorText(i18n, shown.error));
    setRelease(shown.value.release);
    if (shown.value.release?.status === 'prepared' && mayReview) {
      const checked = await request('release:check', { testimonyId });
      if (!alive.current) return;
      if (checked.ok) setCheck(checked.value);
      else setError(errorText(i18n, checked.error));
    } else setCheck(undefined);
  }, [testimonyId, i18n, mayReview]);

  useEffect(() => {
    void reload();
  }, [reload, changes]);

  async function act(channel: 'release:prepare' | 'release:approve') {
    if (working.current) return;
    working.current = true;
    setBusy(true);
    setError('');
    try {
      const result = await request(channel, { testimonyId });
      if (!alive.current) return;
      if (!result.ok) {
        setError(errorText(i18n, result.error));
        return;
      }
      announce(t(channel === 'release:prepare' ? 'review.release.prepared' : 'review.release.approved-now'));
      await reload();
      onChanged();
    } finally {
      working.current = false;
      if (alive.current) setBusy(false);
    }
  }

  const prepared = release?.status === 'prepared';
  const blocked = check !== undefined && !check.canApprove;
  return (
    <section className="review-section release-panel" aria-labelledby="release-title" aria-busy={busy}>
      <h2 id="release-title">{t('review.release.title')}</h2>
      <p className="muted small-text">{t('review.release.hint')}</p>
      {release === null && <p>{t('review.release.none')}</p>}
      {release && (
        <dl className="release-summary">
          <dt>{t('review.release.status')}</dt>
          <dd>
            <span className={`status release-${release.status}`}>{t(`review.release.status.${release.status}`)}</span>
          </dd>
          <dt>{t('review.release.prepared-by')}</dt>
          <dd>
            {t('review.release.who-when', { name: release.preparedBy, when: i18n.formatDateTime(release.preparedAt), version: release.version })}
          </dd>
          {release.approvedBy && release.approvedAt && (
            <>
              <dt>{t('review.release.approved-by')}</dt>
              <dd>{t('review.release.who-when', { name: release.approvedBy, when: i18n.formatDateTime(release.approvedAt), version: release.version })}</dd>
            </>
          )}
          <dt>{t('review.release.files')}</dt>
          <dd>{t('review.release.files.count', { included: release.attachments.length, excluded: release.excludedAttachments.length })}</dd>
          <dt>{t('review.release.k')}</dt>
          <dd>{t('review.release.k.value', { count: release.risk.count, k: release.risk.k })}</dd>
        </dl>
      )}
      {release && release.voiceAttachments > 0 && <p className="warning">{t('review.release.voice', { count: release.voiceAttachments })}</p>}
      {prepared && check && (
        <div className={check.canApprove ? 'check-ok' : 'check-blocked'} id="approval-check" role="status">
          <p className={check.canApprove ? 'ok-text' : 'warning'}>{check.canApprove ? t('review.check.ok') : t('review.check.blocked')}</p>
          {check.reasons.length > 0 && (
            <ul>
              {check.reasons.map((reason) => (
                <li key={reason.code}>{t(`review.blocker.${reason.code}`, { count: reason.count ?? 0 })}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {prepared && release.preparedByMe && <p className="notice">{t('review.release.mine')}</p>}
      <div className="row-actions">
        <button type="button" disabled={!mayReview || stale} onClick={() => void act('release:prepare')}>
          {t(release ? 'review.release.prepare-again' : 'review.release.prepare')}
        </button>
        <button type="button" disabled={!mayReview || !prepared} onClick={() => void reload()}>
          {t('review.release.check')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!mayReview || !prepared || blocked}
          aria-describedby={blocked ? 'approval-check' : undefined}
          onClick={() => void act('release:approve')}
        >
          {t('review.release.approve')}
        </button>
      </div>
      {pending > 0 && !release && <p className="muted small-text">{t('review.release.pending', { count: pending })}</p>}
      <FormError>{error}</FormError>
    </section>
  );
}
