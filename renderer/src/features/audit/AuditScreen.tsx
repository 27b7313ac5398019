/** The audit log, newest first, a page at a time, and a check of its hash chain. */
import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { FormError, ScreenHeading } from '../../components/fields';

const PAGE = 50;

export function AuditScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState('');
  const [verdict, setVerdict] = useState<{ intact: boolean; text: string } | undefined>(undefined);
  const [verifying, setVerifying] = useState(false);

  const load = useCallback(
    async (beforeSeq?: number) => {
      const result = await request('audit:list', { limit: PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      if (!result.ok) return setError(errorText(i18n, result.error));
      setTotal(result.value.total);
      setEntries((current) => (beforeSeq === undefined ? result.value.entries : [...current, ...result.value.entries]));
    },
    [i18n],
  );
  useEffect(() => void load(), [load]);

  async function verify() {
    setVerifying(true);
    const result = await request('audit:verify');
    setVerifying(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    setVerdict(
      result.value.intact
        ? { intact: true, text: t('audit.intact', { count: result.value.entries }) }
        : { intact: false, text: t('audit.broken', { count: result.value.entries, problem: result.value.problem ?? '' }) },
    );
  }

  const last = entries.at(-1);
  const details = (entry: AuditEntryView) =>
    Object.entries(entry.details)
      .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
      .join('; ');

  return (
    <section aria-labelledby="audit-title">
      <div className="screen-head">
        <ScreenHeading id="audit-title">{t('audit.title')}</ScreenHeading>
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      <p role="status" aria-live="polite" className={verdict ? (verdict.intact ? 'verdict ok' : 'verdict bad') : 'verdict'}>
        {verdict?.text}
      </p>
      <FormError>{error}</FormError>
      <p>{t('audit.shown', { shown: entries.length, total })}</p>
      <table className="table audit">
        <caption className="sr-only">{t('audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.user')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.target')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.seq}</td>
              <td>{i18n.formatDateTime(entry.at)}</td>
              <td>{entry.user ?? t('audit.recovery-key')}</td>
              <td>{i18n.tMaybe(`audit.action.${entry.action}`) ?? entry.action}</td>
              <td className="mono small-text">{entry.target ?? ''}</td>
              <td className="small-text">{details(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {last && last.seq > 1 && (
        <button type="button" onClick={() => void load(last.seq)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
