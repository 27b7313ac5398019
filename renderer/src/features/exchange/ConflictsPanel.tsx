/**
 * Conflicts that imports found: both sides edited a testimony since their last common version.
 * The vault's version stayed current and the other side's versions were kept aside; here they are
 * compared side by side and resolved: keep this vault's, or store the other side's newest as a
 * new version on top (nothing is overwritten either way).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConflictView, IpcResponse } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FormError } from '../../components/fields';
import { RecordView } from '../history/RecordView';
import { CustodyView } from './CustodyView';

type Comparison = IpcResponse<'conflict:compare'>;

export function ConflictsPanel({ mayResolve }: { mayResolve: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [includeResolved, setIncludeResolved] = useState(false);
  const [conflicts, setConflicts] = useState<ConflictView[] | undefined>(undefined);
  const [open, setOpen] = useState<{ id: string; view: 'compare' | 'custody'; comparison?: Comparison } | undefined>(undefined);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    const result = await request('conflict:list', { includeResolved });
    if (result.ok) setConflicts(result.value.conflicts);
    else setError(errorText(i18n, result.error));
  }, [i18n, includeResolved]);
  useEffect(() => void reload(), [reload]);

  async function compare(conflict: ConflictView) {
    setError('');
    if (open?.id === conflict.id && open.view === 'compare') return setOpen(undefined);
    const result = await request('conflict:compare', { conflictId: conflict.id });
    if (!result.ok) return setError(errorText(i18n, result.error));
    setOpen({ id: conflict.id, view: 'compare', comparison: result.value });
  }

  async function resolve(conflict: ConflictView, keep: 'local' | 'incoming') {
    setError('');
    const result = await request('conflict:resolve', { conflictId: conflict.id, keep });
    if (!result.ok) return setError(errorText(i18n, result.error));
    announce(t(`conflicts.resolved.${keep}`, { title: conflict.title, version: result.value.version }));
    setOpen(undefined);
    void reload();
  }

  const current = conflicts?.find((each) => each.id === open?.id);
  return (
    <section aria-labelledby="conflicts-heading">
      <h2 id="conflicts-heading">{t('conflicts.title')}</h2>
      <p className="field-hint">{t('conflicts.explain')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={includeResolved} onChange={(event) => setIncludeResolved(event.target.checked)} />
        <span>{t('conflicts.include-resolved')}</span>
      </label>
      <FormError>{error}</FormError>
      {conflicts && conflicts.length === 0 && <p className="empty">{t('conflicts.none')}</p>}
      {conflicts && conflicts.length > 0 && (
        <table className="table">
          <caption className="sr-only">{t('conflicts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('export.col.title')}</th>
              <th scope="col">{t('conflicts.col.from')}</th>
              <th scope="col">{t('conflicts.col.versions')}</th>
              <th scope="col">{t('conflicts.col.state')}</th>
              <th scope="col">{t('keys.trusted.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((conflict) => {
              const title = conflict.title || t('testimony.untitled');
              return (
                <tr key={conflict.id}>
                  <th scope="row">{title}</th>
                  <td>
                    {conflict.senderName} · {i18n.formatDateTime(conflict.detectedAt)}
                  </td>
                  <td>{t('conflicts.versions', { base: conflict.baseVersion, local: conflict.localVersion, incoming: conflict.incomingVersions })}</td>
                  <td>
                    {conflict.resolved
                      ? t(`conflicts.state.${conflict.resolved.resolution}`, { name: conflict.resolved.by, at: i18n.formatDateTime(conflict.resolved.at) })
                      : t('conflicts.state.open')}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="small" aria-expanded={open?.id === conflict.id && open.view === 'compare'} onClick={() => void compare(conflict)}>
                        {t('conflicts.compare', { title })}
                      </button>
                      <button
                        type="button"
                        className="small"
                        aria-expanded={open?.id === conflict.id && open.view === 'custody'}
                        onClick={() => setOpen(open?.id === conflict.id && open.view === 'custody' ? undefined : { id: conflict.id, view: 'custody' })}
                      >
                        {t('custody.show', { title })}
                      </button>
                      {mayResolve && !conflict.resolved && (
                        <>
                          <button type="button" className="small" onClick={() => void resolve(conflict, 'local')}>
                            {t('conflicts.keep-local', { title })}
                          </button>
                          <button type="button" className="small" onClick={() => void resolve(conflict, 'incoming')}>
                            {t('conflicts.keep-incoming', { title })}
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {current && open?.view === 'compare' && open.comparison && (
        <div className="side-by-side">
          <section aria-labelledby="conflict-local">
            <h3 id="conflict-local">{t('conflicts.local', { version: open.comparison.local.version })}</h3>
            <RecordView record={open.comparison.local.record} />
          </section>
          <section aria-labelledby="conflict-incoming">
            <h3 id="conflict-incoming">{t('conflicts.incoming', { name: open.comparison.incoming.senderName, version: open.comparison.incoming.originVersion })}</h3>
            <RecordView record={open.comparison.incoming.record} />
          </section>
        </div>
      )}
      {current && open?.view === 'custody' && <CustodyView testimonyId={current.testimonyId} title={current.title} />}
    </section>
  );
}
