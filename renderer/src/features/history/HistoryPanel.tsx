/** Versions of a testimony: who saved each and when, any one of them read-only, and what it changed. */
import { useEffect, useState } from 'react';
import type { TestimonyDetail, TestimonyVersion } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { FormError } from '../../components/fields';
import { RecordView } from './RecordView';
import { diffRecords, type FieldChange } from './diff';

export function HistoryPanel({ testimonyId }: { testimonyId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [versions, setVersions] = useState<TestimonyVersion[] | undefined>(undefined);
  const [shown, setShown] = useState<{ detail: TestimonyDetail; changes: FieldChange[] } | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    void request('testimony:versions', { id: testimonyId }).then((result) => {
      if (result.ok) setVersions([...result.value.versions].reverse());
      else setError(errorText(i18n, result.error));
    });
  }, [testimonyId, i18n]);

  async function show(version: number) {
    const [detail, previous] = await Promise.all([
      request('testimony:get', { id: testimonyId, version }),
      version > 1 ? request('testimony:get', { id: testimonyId, version: version - 1 }) : Promise.resolve(undefined),
    ]);
    if (!detail.ok) return setError(errorText(i18n, detail.error));
    const before = previous && previous.ok ? previous.value.record : undefined;
    setShown({ detail: detail.value, changes: diffRecords(before, detail.value.record) });
  }

  return (
    <section aria-labelledby="history-heading" className="history">
      <h2 id="history-heading">{t('history.title')}</h2>
      <FormError>{error}</FormError>
      {versions && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('history.version')}</th>
              <th scope="col">{t('history.saved-at')}</th>
              <th scope="col">{t('history.saved-by')}</th>
              <th scope="col">
                <span className="sr-only">{t('attachments.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version} aria-current={shown?.detail.shownVersion === version.version ? 'true' : undefined}>
                <td>{version.version}</td>
                <td>{i18n.formatDateTime(version.createdAt)}</td>
                <td>{version.createdBy}</td>
                <td>
                  <button type="button" className="small" onClick={() => void show(version.version)}>
                    {t('history.view', { version: version.version })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && (
        <div className="history-detail">
          <h3>{t('history.changes', { version: shown.detail.shownVersion })}</h3>
          {shown.changes.length === 0 ? (
            <p>{t('history.no-changes')}</p>
          ) : (
            <table className="table diff">
              <thead>
                <tr>
                  <th scope="col">{t('history.field')}</th>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.changes.map((change) => (
                  <tr key={change.path}>
                    <th scope="row">
                      <code>{change.path}</code>
                    </th>
                    <td className="removed">{change.before ?? '—'}</td>
                    <td className="added">{change.after ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('history.content', { version: shown.detail.shownVersion })}</h3>
          <RecordView record={shown.detail.record} />
        </div>
      )}
    </section>
  );
}
