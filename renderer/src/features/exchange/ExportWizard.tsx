/**
 * The export wizard: recipient (a trusted workstation), full or redacted, which testimonies, then
 * the plan (what will be sealed, and what consent or the release state leaves out, and why), then
 * the main process's folder dialog, a progress bar from the progress events, and the report.
 * The plan is asked of the services (archive:plan-export, which writes nothing), never guessed here.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { ExportSelection, ExportSkipView, IpcResponse, TestimonySummary, TrustedWorkstationView } from '@shared/ipc/contract';
import type { TestimonyStatus } from '@shared/testimony/schema';
import { useI18n, type I18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FormError, SelectField } from '../../components/fields';
import { purposeLabel } from '../keys/KeysScreen';
import { ProgressBar, useOperationProgress } from './progress';

type Kind = 'full' | 'redacted';
type SelectionBy = ExportSelection['by'];
type Plan = IpcResponse<'archive:plan-export'>;
type Written = Extract<IpcResponse<'archive:export'>, { outcome: 'written' }>;
const STATUSES: readonly TestimonyStatus[] = ['draft', 'in-review', 'approved'];
const SELECTIONS: readonly SelectionBy[] = ['everything', 'status', 'changed-since-last-export', 'ids'];

/** Why a testimony is left out, in the person's language. */
export function skipReasonText(i18n: I18n, skip: ExportSkipView, purpose: string): string {
  if (skip.reason === 'consent-withdrawn') {
    return skip.withdrawnOn ? i18n.t('export.skip.consent-withdrawn.on', { date: skip.withdrawnOn }) : i18n.t('export.skip.consent-withdrawn');
  }
  if (skip.reason === 'consent-excludes-purpose') return i18n.t('export.skip.consent-excludes-purpose', { purpose });
  return i18n.t(`export.skip.${skip.reason}`);
}

export function ExportWizard() {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [workstations, setWorkstations] = useState<TrustedWorkstationView[] | undefined>(undefined);
  const [testimonies, setTestimonies] = useState<TestimonySummary[]>([]);
  const [recipient, setRecipient] = useState('');
  const [kind, setKind] = useState<Kind>('full');
  const [by, setBy] = useState<SelectionBy>('everything');
  const [status, setStatus] = useState<TestimonyStatus>('approved');
  const [ids, setIds] = useState<string[]>([]);
  const [step, setStep] = useState<'choose' | 'plan' | 'sealing' | 'report'>('choose');
  const [plan, setPlan] = useState<Plan | undefined>(undefined);
  const [written, setWritten] = useState<Written | undefined>(undefined);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { progress, start, stop } = useOperationProgress('export');

  useEffect(() => {
    void request('keys:trusted').then((result) => {
      if (!result.ok) return setError(errorText(i18n, result.error));
      setWorkstations(result.value.workstations);
      setRecipient((current) => current || result.value.workstations[0]?.name || '');
    });
    void request('testimony:list', { limit: 5000 }).then((result) => {
      if (result.ok) setTestimonies(result.value.items);
    });
  }, [i18n]);

  const chosen = workstations?.find((each) => each.name === recipient);
  const redactedOnly = chosen?.purpose === 'redacted-publication';
  const effectiveKind: Kind = redactedOnly ? 'redacted' : kind;

  function selection(): ExportSelection {
    if (by === 'ids') return { by, ids };
    if (by === 'status') return { by, status };
    return { by };
  }

  async function showPlan(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!chosen) return setError(t('export.error.recipient'));
    if (by === 'ids' && ids.length === 0) return setError(t('export.error.ids'));
    setBusy(true);
    const result = await request('archive:plan-export', { recipient, kind: effectiveKind, selection: selection() });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    setPlan(result.value);
    setStep('plan');
  }

  async function seal() {
    setError('');
    setBusy(true);
    setStep('sealing');
    const operationId = start();
    const result = await request('archive:export', { recipient, kind: effectiveKind, selection: selection(), operationId, dialogTitle: t('export.dialog') });
    setBusy(false);
    if (!result.ok) {
      stop();
      setStep('plan');
      return setError(errorText(i18n, result.error));
    }
    if (result.value.outcome === 'cancelled') {
      stop();
      setStep('plan');
      return announce(t('export.cancelled'));
    }
    setWritten(result.value);
    setStep('report');
    announce(t('export.done', { count: result.value.testimonies.length }));
  }

  function again() {
    stop();
    setPlan(undefined);
    setWritten(undefined);
    setStep('choose');
  }

  if (workstations && workstations.length === 0) {
    return (
      <section aria-labelledby="export-heading" className="wizard">
        <h2 id="export-heading">{t('export.title')}</h2>
        <p className="notice">{t('export.no-workstations')}</p>
      </section>
    );
  }

  return (
    <section aria-labelledby="export-heading" className="wizard">
      <h2 id="export-heading">{t('export.title')}</h2>
      <WizardSteps current={step === 'choose' ? 0 : step === 'plan' ? 1 : 2} labels={[t('export.step.choose'), t('export.step.plan'), t('export.step.seal')]} />
      <FormError>{error}</FormError>
      {step === 'choose' && workstations && (
        <form onSubmit={showPlan} aria-labelledby="export-heading" aria-busy={busy}>
          <fieldset>
            <legend>{t('export.recipient')}</legend>
            {workstations.map((workstation) => (
              <label key={workstation.name} className="checkbox choice">
                <input type="radio" name="export-recipient" checked={recipient === workstation.name} onChange={() => setRecipient(workstation.name)} />
                <span>
                  <strong>{workstation.name}</strong> · {purposeLabel(i18n, workstation.purpose)}
                  <span className="mono small-text block">{workstation.fingerprint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('export.kind')}</legend>
            {(['full', 'redacted'] as const).map((each) => (
              <label key={each} className="checkbox choice">
                <input type="radio" name="export-kind" checked={effectiveKind === each} disabled={each === 'full' && redactedOnly} onChange={() => setKind(each)} />
                <span>
                  <strong>{t(`export.kind.${each}`)}</strong>
                  <span className="field-hint block">{t(`export.kind.${each}.hint`)}</span>
                </span>
              </label>
            ))}
            {redactedOnly && <p className="field-hint">{t('export.kind.redacted-only')}</p>}
          </fieldset>
          <fieldset>
            <legend>{t('export.selection')}</legend>
            {SELECTIONS.map((each) => (
              <label key={each} className="checkbox choice">
                <input type="radio" name="export-selection" checked={by === each} onChange={() => setBy(each)} />
                <span>{t(`export.selection.${each}`)}</span>
              </label>
            ))}
            {by === 'status' && (
              <SelectField label={t('export.selection.status.which')} value={status} options={STATUSES.map((each) => ({ value: each, label: t(`status.${each}`) }))} onChange={(value) => setStatus(value as TestimonyStatus)} />
            )}
            {by === 'ids' && (
              <fieldset className="checklist-box">
                <legend>{t('export.selection.ids.which', { count: ids.length })}</legend>
                {testimonies.length === 0 && <p className="empty">{t('list.empty')}</p>}
                {testimonies.map((testimony) => (
                  <label key={testimony.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={ids.includes(testimony.id)}
                      onChange={(event) => setIds((list) => (event.target.checked ? [...list, testimony.id] : list.filter((id) => id !== testimony.id)))}
                    />
                    <span>
                      {testimony.title || t('testimony.untitled')} <span className="muted small-text">({t(`status.${testimony.status}`)})</span>
                    </span>
                  </label>
                ))}
              </fieldset>
            )}
          </fieldset>
          <button type="submit" className="primary" disabled={busy}>
            {t('export.plan.show')}
          </button>
        </form>
      )}
      {step === 'plan' && plan && <PlanView plan={plan} busy={busy} onBack={() => setStep('choose')} onSeal={() => void seal()} />}
      {step === 'sealing' && progress && <ProgressBar label={t('export.progress')} progress={progress} />}
      {step === 'report' && written && <ExportReport written={written} onAgain={again} />}
    </section>
  );
}

export function WizardSteps({ current, labels }: { current: number; labels: string[] }) {
  const { t } = useI18n();
  return (
    <ol className="wizard-steps" aria-label={t('wizard.steps')}>
      {labels.map((label, index) => (
        <li key={label} aria-current={index === current ? 'step' : undefined} className={index < current ? 'done' : undefined}>
          {label}
        </li>
      ))}
    </ol>
  );
}

function SkippedList({ skipped, purpose }: { skipped: ExportSkipView[]; purpose: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (skipped.length === 0) return <p className="muted">{t('export.skipped.none')}</p>;
  return (
    <table className="table">
      <caption>{t('export.skipped', { count: skipped.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('export.col.title')}</th>
          <th scope="col">{t('export.col.why')}</th>
        </tr>
      </thead>
      <tbody>
        {skipped.map((skip) => (
          <tr key={skip.testimonyId}>
            <th scope="row">{skip.title || t('testimony.untitled')}</th>
            <td>{skipReasonText(i18n, skip, purpose)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SealedList({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  if (plan.testimonies.length === 0) return <p className="notice">{t('export.sealed.none')}</p>;
  return (
    <table className="table">
      <caption>{t(`export.sealed.${plan.kind}`, { count: plan.testimonies.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('export.col.title')}</th>
          <th scope="col">{t('export.col.version')}</th>
          <th scope="col">{t('export.col.versions')}</th>
          <th scope="col">{t('export.col.attachments')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.testimonies.map((testimony) => (
          <tr key={testimony.id}>
            <th scope="row">{testimony.title || t('testimony.untitled')}</th>
            <td>{testimony.version}</td>
            <td>{testimony.versions}</td>
            <td>{testimony.attachments}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanView({ plan, busy, onBack, onSeal }: { plan: Plan; busy: boolean; onBack(): void; onSeal(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const purpose = purposeLabel(i18n, plan.recipient.purpose);
  return (
    <div className="plan" aria-labelledby="plan-heading">
      <h3 id="plan-heading">{t('export.plan.title', { name: plan.recipient.name })}</h3>
      <p>
        {t(`export.plan.summary.${plan.kind}`, { name: plan.recipient.name, purpose, count: plan.testimonies.length, size: i18n.formatBytes(plan.attachmentBytes) })}
      </p>
      <SealedList plan={plan} />
      <SkippedList skipped={plan.skipped} purpose={purpose} />
      <p className="field-hint">{t('export.plan.folder-hint')}</p>
      <div className="actions start">
        <button type="button" onClick={onBack} disabled={busy}>
          {t('wizard.back')}
        </button>
        <button type="button" className="primary" onClick={onSeal} disabled={busy || plan.testimonies.length === 0}>
          {t('export.seal')}
        </button>
      </div>
    </div>
  );
}

function ExportReport({ written, onAgain }: { written: Written; onAgain(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const purpose = purposeLabel(i18n, written.recipient.purpose);
  return (
    <div className="report" role="region" aria-labelledby="export-report-heading">
      <h3 id="export-report-heading">{t('export.report.title')}</h3>
      <dl className="facts">
        <dt>{t('report.archive-id')}</dt>
        <dd className="mono">{written.archiveId}</dd>
        <dt>{t('report.kind')}</dt>
        <dd>{t(`export.kind.${written.kind}`)}</dd>
        <dt>{t('report.recipient')}</dt>
        <dd>
          {written.recipient.name} · {purpose}
        </dd>
        <dt>{t('report.testimonies')}</dt>
        <dd>{i18n.formatNumber(written.testimonies.length)}</dd>
        <dt>{t('report.size')}</dt>
        <dd>{i18n.formatBytes(written.fileSize)}</dd>
        <dt>{t('report.sha256')}</dt>
        <dd className="mono hash">{written.fileSha256}</dd>
        <dt>{t('report.file')}</dt>
        <dd className="mono">{written.file}</dd>
        <dt>{t('report.created')}</dt>
        <dd>{i18n.formatDateTime(written.createdAt)}</dd>
      </dl>
      <p className="field-hint">{written.selfIsRecipient ? t('export.report.self-recipient') : t('export.report.not-self-recipient')}</p>
      <SkippedList skipped={written.skipped} purpose={purpose} />
      <button type="button" onClick={onAgain}>
        {t('export.again')}
      </button>
    </div>
  );
}
