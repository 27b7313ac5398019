/**
 * The import wizard: the archive is chosen in the main process's open dialog and verified
 * completely first (archive:verify imports nothing): who sealed it, with the sender's fingerprint
 * to compare aloud, for whom, and what importing would do to each testimony. Only then import,
 * which checks everything again, with a progress bar and a report. Refusals are worded from their
 * error codes; the vault is unchanged by any of them.
 */
import { useState } from 'react';
import type { IpcError, IpcResponse, VerifyReportView } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FingerprintView } from '../keys/Fingerprint';
import { ProgressBar, useOperationProgress } from './progress';
import { WizardSteps } from './ExportWizard';
import { CustodyView } from './CustodyView';

type Verified = Extract<IpcResponse<'archive:verify'>, { outcome: 'verified' }>;
type Imported = IpcResponse<'archive:import'>;
type Testimonies = VerifyReportView['testimonies'];

export function ImportWizard() {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [step, setStep] = useState<'choose' | 'verifying' | 'verified' | 'importing' | 'report'>('choose');
  const [verified, setVerified] = useState<Verified | undefined>(undefined);
  const [imported, setImported] = useState<Imported | undefined>(undefined);
  const [refusal, setRefusal] = useState<IpcError | undefined>(undefined);
  const verifyProgress = useOperationProgress('verify');
  const importProgress = useOperationProgress('import');

  async function choose() {
    setRefusal(undefined);
    setVerified(undefined);
    setImported(undefined);
    setStep('verifying');
    const operationId = verifyProgress.start();
    const result = await request('archive:verify', { operationId, dialogTitle: t('import.dialog') });
    verifyProgress.stop();
    if (!result.ok) {
      setStep('choose');
      setRefusal(result.error);
      return announce(t('import.refused.title'));
    }
    if (result.value.outcome === 'cancelled') return setStep('choose');
    setVerified(result.value);
    setStep('verified');
    announce(t('import.verified.title'));
  }

  async function runImport() {
    if (!verified) return;
    setRefusal(undefined);
    setStep('importing');
    const operationId = importProgress.start();
    const result = await request('archive:import', { fileToken: verified.fileToken, operationId });
    importProgress.stop();
    if (!result.ok) {
      setStep('choose');
      setVerified(undefined);
      setRefusal(result.error);
      return announce(t('import.refused.title'));
    }
    setImported(result.value);
    setStep('report');
    announce(result.value.alreadyImported ? t('import.already') : t('import.done', { count: result.value.testimonies.length }));
  }

  const stepIndex = step === 'choose' || step === 'verifying' ? 0 : step === 'verified' ? 1 : 2;
  return (
    <section aria-labelledby="import-heading" className="wizard">
      <h2 id="import-heading">{t('import.title')}</h2>
      <WizardSteps current={stepIndex} labels={[t('import.step.choose'), t('import.step.verify'), t('import.step.import')]} />
      {refusal && <Refusal error={refusal} />}
      {(step === 'choose' || step === 'verifying') && (
        <div>
          <p>{t('import.explain')}</p>
          <button type="button" className="primary" onClick={() => void choose()} disabled={step === 'verifying'}>
            {t('import.choose')}
          </button>
          {step === 'verifying' && verifyProgress.progress && <ProgressBar label={t('import.verify.progress')} progress={verifyProgress.progress} />}
        </div>
      )}
      {step === 'verified' && verified && <VerifiedView verified={verified} onImport={() => void runImport()} onCancel={() => setStep('choose')} />}
      {step === 'importing' && importProgress.progress && <ProgressBar label={t('import.progress')} progress={importProgress.progress} />}
      {step === 'report' && imported && <ImportReport report={imported} onAgain={() => setStep('choose')} />}
    </section>
  );
}

/** The refusal's own words for its code (docs/archive.md, "Refusals"), and that nothing changed. */
function Refusal({ error }: { error: IpcError }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="form-error" role="alert">
      <p>
        <strong>{t('import.refused.title')}</strong>
      </p>
      <p>{errorText(i18n, error)}</p>
      <p className="small-text">{t('import.refused.unchanged', { code: error.code })}</p>
    </div>
  );
}

function DescriptionFacts({ report, fileName }: { report: VerifyReportView | Imported; fileName?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <dl className="facts">
      {fileName && (
        <>
          <dt>{t('report.file')}</dt>
          <dd className="mono">{fileName}</dd>
        </>
      )}
      <dt>{t('report.archive-id')}</dt>
      <dd className="mono">{report.archiveId}</dd>
      <dt>{t('report.kind')}</dt>
      <dd>{t(`export.kind.${report.kind}`)}</dd>
      <dt>{t('report.sealed-at')}</dt>
      <dd>{i18n.formatDateTime(report.sealedAt)}</dd>
      <dt>{t('report.sender')}</dt>
      <dd>{report.sender.isThisVault ? t('import.sender.this-vault') : report.sender.name}</dd>
      <dt>{t('report.recipients')}</dt>
      <dd>
        <ul className="plain-list">
          {report.recipients.map((recipient) => (
            <li key={recipient.fingerprint}>
              {recipient.isThisVault ? t('import.recipient.this-vault') : (recipient.name ?? t('import.recipient.unknown'))}{' '}
              <span className="mono small-text">{recipient.fingerprint}</span>
            </li>
          ))}
        </ul>
      </dd>
      <dt>{t('report.testimonies')}</dt>
      <dd>{i18n.formatNumber(report.testimonies.length)}</dd>
      <dt>{t('report.size')}</dt>
      <dd>
        {i18n.formatBytes(report.fileSize)} · {t('import.payload', { files: report.payloadFiles, size: i18n.formatBytes(report.payloadBytes) })}
      </dd>
      <dt>{t('report.sha256')}</dt>
      <dd className="mono hash">{report.fileSha256}</dd>
    </dl>
  );
}

function OutcomeTable({ testimonies, caption, done }: { testimonies: Testimonies; caption: string; done: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [custodyOf, setCustodyOf] = useState<string | undefined>(undefined);
  return (
    <>
      <table className="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('export.col.title')}</th>
            <th scope="col">{t('import.col.status')}</th>
            <th scope="col">{t('export.col.versions')}</th>
            <th scope="col">{t('export.col.attachments')}</th>
            <th scope="col">{t('import.col.outcome')}</th>
            {done && <th scope="col">{t('custody.title')}</th>}
          </tr>
        </thead>
        <tbody>
          {testimonies.map((testimony) => (
            <tr key={testimony.id}>
              <th scope="row">{testimony.title || t('testimony.untitled')}</th>
              <td>{t(`status.${testimony.status}`)}</td>
              <td>{testimony.versions}</td>
              <td>
                {testimony.attachments} ({i18n.formatBytes(testimony.attachmentBytes)})
              </td>
              <td>
                <span className={`outcome outcome-${testimony.outcome}`}>{t(`outcome.${testimony.outcome}`)}</span>
                <span className="field-hint block">{t(`outcome.${testimony.outcome}.${done ? 'done' : 'would'}`, { count: testimony.incomingVersions })}</span>
              </td>
              {done && (
                <td>
                  <button type="button" className="small" aria-expanded={custodyOf === testimony.id} onClick={() => setCustodyOf(custodyOf === testimony.id ? undefined : testimony.id)}>
                    {t('custody.show', { title: testimony.title || t('testimony.untitled') })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {custodyOf && <CustodyView testimonyId={custodyOf} title={testimonies.find((each) => each.id === custodyOf)?.title ?? ''} />}
    </>
  );
}

function VerifiedView({ verified, onImport, onCancel }: { verified: Verified; onImport(): void; onCancel(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const report = verified.report;
  return (
    <div className="report" role="region" aria-labelledby="verified-heading">
      <h3 id="verified-heading">{t('import.verified.title')}</h3>
      <p className="verdict ok">{t('import.verified.explain', { name: report.sender.isThisVault ? t('import.sender.this-vault') : report.sender.name })}</p>
      <FingerprintView fingerprint={report.sender.fingerprint} label={t('import.sender.fingerprint', { name: report.sender.name })} />
      <p className="field-hint">{t('import.sender.compare')}</p>
      {report.alreadyImportedAt && <p className="notice">{t('import.already.verified', { at: i18n.formatDateTime(report.alreadyImportedAt) })}</p>}
      <DescriptionFacts report={report} fileName={verified.fileName} />
      <OutcomeTable testimonies={report.testimonies} caption={t('import.would', { count: report.testimonies.length })} done={false} />
      <div className="actions start">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={onImport}>
          {t('import.run')}
        </button>
      </div>
    </div>
  );
}

function ImportReport({ report, onAgain }: { report: Imported; onAgain(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="report" role="region" aria-labelledby="import-report-heading">
      <h3 id="import-report-heading">{t('import.report.title')}</h3>
      {report.alreadyImported ? (
        <p className="notice" role="status">
          {t('import.already')}
        </p>
      ) : (
        <p className="verdict ok" role="status">
          {t('import.done', { count: report.testimonies.length })}
        </p>
      )}
      {report.conflicts > 0 && <p className="warning">{t('import.conflicts', { count: report.conflicts })}</p>}
      <DescriptionFacts report={report} />
      <OutcomeTable testimonies={report.testimonies} caption={t('import.did', { count: report.testimonies.length })} done />
      <button type="button" onClick={onAgain}>
        {t('import.again')}
      </button>
    </div>
  );
}
