/**
 * Redaction review: the testimonies waiting for review, and the review of one of them. The page
 * shows and asks; the services decide what is allowed (roles, stale reviews, four eyes, the
 * residual check) and the page words their refusals.
 */
import { useEffect, useState } from 'react';
import type { IpcResponse, SessionUser } from '@shared/ipc/contract';
import type { TestimonyStatus } from '@shared/testimony/schema';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import type { Navigate } from '../../app/Workspace';
import { FormError, ScreenHeading } from '../../components/fields';
import { ReviewDetail } from './ReviewDetail';

export function ReviewScreen({ user, id, navigate }: { user: SessionUser; id: string | undefined; navigate: Navigate }) {
  if (id) return <ReviewDetail user={user} testimonyId={id} navigate={navigate} />;
  return <ReviewList navigate={navigate} />;
}

type Listed = IpcResponse<'testimony:list'>['items'];

function ReviewList({ navigate }: { navigate: Navigate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [which, setWhich] = useState<'in-review' | 'all'>('in-review');
  const [items, setItems] = useState<Listed | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    setItems(undefined);
    void request('testimony:list', which === 'all' ? { limit: 500 } : { status: 'in-review' as TestimonyStatus, limit: 500 }).then((result) => {
      if (!live) return;
      if (!result.ok) return setError(errorText(i18n, result.error));
      setItems(result.value.items);
      setTotal(result.value.total);
    });
    return () => {
      live = false;
    };
  }, [which, i18n]);

  return (
    <section className="review-list" aria-labelledby="review-list-title">
      <ScreenHeading id="review-list-title">{t('nav.review')}</ScreenHeading>
      <p className="muted">{t('review.list.intro')}</p>
      <div className="segmented" role="group" aria-label={t('review.list.show')}>
        {(['in-review', 'all'] as const).map((option) => (
          <button key={option} type="button" aria-pressed={which === option} onClick={() => setWhich(option)}>
            {t(`review.list.${option}`)}
          </button>
        ))}
      </div>
      <FormError>{error}</FormError>
      {items === undefined && !error && <p aria-busy="true">{t('app.loading')}</p>}
      {items !== undefined && items.length === 0 && <p className="empty">{t(which === 'all' ? 'review.list.none-all' : 'review.list.none')}</p>}
      {items !== undefined && items.length > 0 && (
        <>
          <p className="result-count" role="status">
            {t('review.list.count', { count: total })}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('review.list.title')}</th>
                <th scope="col">{t('review.list.status')}</th>
                <th scope="col">{t('review.list.release')}</th>
                <th scope="col">{t('review.list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <button type="button" className="link-button" aria-label={t('review.list.open', { title: item.title || t('testimony.untitled') })} onClick={() => navigate({ name: 'review', id: item.id })}>
                      {item.title || t('testimony.untitled')}
                    </button>
                  </td>
                  <td>
                    <span className={`status status-${item.status}`}>{t(`status.${item.status}`)}</span>
                  </td>
                  <td>
                    <ReleaseState testimonyId={item.id} />
                  </td>
                  <td>{i18n.formatDateTime(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** Where the testimony's release stands: none, prepared by whom (so a second reviewer sees what waits for them), approved. */
function ReleaseState({ testimonyId }: { testimonyId: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  useEffect(() => {
    let live = true;
    void request('release:show', { testimonyId }).then((result) => {
      if (!live || !result.ok) return;
      const release = result.value.release;
      if (!release) setText(t('review.list.release.none'));
      else if (release.status === 'approved') setText(t('review.list.release.approved', { name: release.approvedBy ?? '' }));
      else if (release.status === 'prepared') setText(t(release.preparedByMe ? 'review.list.release.mine' : 'review.list.release.waiting', { name: release.preparedBy }));
      else setText(t('review.release.status.superseded'));
    });
    return () => {
      live = false;
    };
  }, [testimonyId, t]);
  return <span>{text}</span>;
}
