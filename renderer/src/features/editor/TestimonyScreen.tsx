/**
 * One testimony: the form with autosave, its attachments, its version history, and its status.
 *
 * Autosave: a change is saved about a second after typing stops, as a new version, and only when
 * the record actually differs from the last saved one. A draft the schema refuses is not sent; the
 * messages stand next to the fields. A failed save leaves the typing where it is, says so, and tries
 * again; nothing typed is thrown away by a failure. A pending valid change is saved before a lock.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionUser } from '@shared/ipc/contract';
import type { TestimonyInput, TestimonyStatus } from '@shared/testimony/schema';
import { rolesAllow } from '@shared/roles';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { registerBeforeLock } from '../../app/before-lock';
import type { Navigate } from '../../app/Workspace';
import { FormError, ScreenHeading } from '../../components/fields';
import { draftToInput, emptyDraft, recordToDraft, validateDraft, type Draft, type DraftValidation } from './draft';
import { issuesByPath } from './issues';
import { TestimonyForm, type Update } from './TestimonyForm';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { HistoryPanel } from '../history/HistoryPanel';

const AUTOSAVE_DELAY_MS = 1000;
const VALIDATE_DELAY_MS = 300;
const RETRY_DELAY_MS = 8000;

type SaveState =
  | { kind: 'new' }
  | { kind: 'saved'; version: number }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'invalid'; count: number }
  | { kind: 'failed'; message: string };

type Tab = 'edit' | 'attachments' | 'history';

export function TestimonyScreen({ user, id: initialId, tab: initialTab, navigate }: { user: SessionUser; id: string | undefined; tab: Tab; navigate: Navigate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [id, setId] = useState(initialId);
  const [tab, setTab] = useState<Tab>(initialTab);
  const [draft, setDraft] = useState<Draft | undefined>(initialId ? undefined : emptyDraft(i18n.locale));
  const [status, setStatus] = useState<TestimonyStatus>('draft');
  const [loadError, setLoadError] = useState('');
  const [saveState, setSaveState] = useState<SaveState>(initialId ? { kind: 'saved', version: 0 } : { kind: 'new' });
  const [showErrors, setShowErrors] = useState(false);
  const [statusError, setStatusError] = useState('');

  const saved = useRef<{ id: string | undefined; version: number; json: string }>({ id: initialId, version: 0, json: '' });
  const latest = useRef<Draft | undefined>(draft);
  const saving = useRef<Promise<void> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mayWrite = rolesAllow(user.roles, 'testimony.write');
  const readOnly = !mayWrite || status === 'approved';

  useEffect(() => {
    if (!initialId) return;
    void request('testimony:get', { id: initialId }).then((result) => {
      if (!result.ok) return setLoadError(errorText(i18n, result.error));
      const loaded = recordToDraft(result.value.record);
      saved.current = { id: initialId, version: result.value.version, json: JSON.stringify(draftToInput(loaded)) };
      latest.current = loaded;
      setDraft(loaded);
      setStatus(result.value.status);
      setSaveState({ kind: 'saved', version: result.value.version });
    });
    // Loaded once per visit; i18n changes must not reload (and so discard) the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialId]);

  const schedule = useCallback((delay: number, run: () => void) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(run, delay);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    if (saving.current) {
      await saving.current;
      return save();
    }
    const current = latest.current;
    if (!current) return;
    const validation = validateDraft(current);
    setValidation(validation);
    const json = JSON.stringify(validation.input);
    if (json === saved.current.json) {
      setSaveState({ kind: 'saved', version: saved.current.version });
      return;
    }
    setShowErrors(true);
    if (!validation.ok) {
      setSaveState({ kind: 'invalid', count: validation.issues.length });
      return;
    }
    setSaveState({ kind: 'saving' });
    const input = validation.input as TestimonyInput;
    const work = (async () => {
      const existing = saved.current.id;
      const result = existing
        ? await request('testimony:update', { id: existing, input, expectedVersion: saved.current.version })
        : await request('testimony:create', { input });
      if (!result.ok) {
        setSaveState({ kind: 'failed', message: errorText(i18n, result.error) });
        // Try again later unless trying cannot help (an edit elsewhere, an approved record, a lock).
        if (!['version-conflict', 'testimony-approved', 'vault-locked', 'forbidden'].includes(result.error.code)) {
          schedule(RETRY_DELAY_MS, () => void save());
        }
        return;
      }
      const value: { id?: string; version: number } = result.value;
      const newId = value.id ?? existing;
      saved.current = { id: newId, version: result.value.version, json };
      if (!existing) setId(newId);
      setSaveState({ kind: 'saved', version: result.value.version });
      if (latest.current && JSON.stringify(draftToInput(latest.current)) !== json) schedule(AUTOSAVE_DELAY_MS, () => void save());
    })();
    saving.current = work;
    try {
      await work;
    } finally {
      saving.current = undefined;
    }
  }, [i18n, schedule]);

  const change = useCallback(
    (next: Draft) => {
      // Per keystroke only this: comparing with the saved record and validating wait for a pause.
      latest.current = next;
      setDraft(next);
      setSaveState((state) => (state.kind === 'saving' ? state : { kind: 'unsaved' }));
      schedule(AUTOSAVE_DELAY_MS, () => void save());
    },
    [save, schedule],
  );

  const update = useCallback<Update>(
    (recipe) => {
      if (latest.current) change(recipe(latest.current));
    },
    [change],
  );

  const pending = () => latest.current !== undefined && JSON.stringify(draftToInput(latest.current)) !== saved.current.json;

  useEffect(() => {
    const unregister = registerBeforeLock(async () => {
      if (pending()) await save();
    });
    return () => {
      unregister();
      clearTimeout(timer.current);
      // Leaving the screen with a change not yet saved: save it now rather than drop it.
      if (pending()) void save();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save]);

  // Validation runs a moment after typing stops (and at every save), never per keystroke.
  const [validation, setValidation] = useState<DraftValidation | undefined>(undefined);
  useEffect(() => {
    if (!draft) return;
    const timer = setTimeout(() => setValidation(validateDraft(draft)), VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft]);
  const errors = useMemo(
    () => (showErrors && validation && !validation.ok ? issuesByPath(validation.issues, i18n) : new Map<string, string>()),
    [showErrors, validation, i18n],
  );

  async function moveTo(next: TestimonyStatus) {
    if (!id) return;
    setStatusError('');
    if (pending()) await save();
    const result = await request('testimony:set-status', { id, status: next });
    if (!result.ok) return setStatusError(errorText(i18n, result.error));
    setStatus(result.value.status);
  }

  if (loadError) {
    return (
      <section aria-labelledby="testimony-title">
        <ScreenHeading id="testimony-title">{t('testimony.title.loading')}</ScreenHeading>
        <FormError>{loadError}</FormError>
      </section>
    );
  }
  if (!draft) {
    return (
      <section aria-labelledby="testimony-title" aria-busy="true">
        <ScreenHeading id="testimony-title">{t('testimony.title.loading')}</ScreenHeading>
      </section>
    );
  }

  const transitions: Array<{ to: TestimonyStatus; label: 'status.send' | 'status.return' | 'status.approve' | 'status.reopen'; allowed: boolean }> = [
    { to: 'in-review', label: 'status.send', allowed: status === 'draft' && mayWrite },
    { to: 'draft', label: 'status.return', allowed: status === 'in-review' && mayWrite },
    { to: 'approved', label: 'status.approve', allowed: status === 'in-review' && rolesAllow(user.roles, 'testimony.review') },
    { to: 'in-review', label: 'status.reopen', allowed: status === 'approved' && mayWrite },
  ];
  const issues = validation && !validation.ok && showErrors ? validation.issues : [];

  return (
    <section className="testimony-screen" aria-labelledby="testimony-title">
      <div className="screen-head">
        <ScreenHeading id="testimony-title">{draft.title.trim() || (id ? t('testimony.untitled') : t('testimony.new'))}</ScreenHeading>
        <button type="button" onClick={() => navigate({ name: 'testimonies' })}>
          {t('testimony.back')}
        </button>
      </div>
      <div className="testimony-bar">
        <span className={`status status-${status}`}>{t(`status.${status}`)}</span>
        <SaveIndicator state={saveState} onRetry={() => void save()} />
        {transitions
          .filter((transition) => transition.allowed && id)
          .map((transition) => (
            <button key={transition.label} type="button" onClick={() => void moveTo(transition.to)}>
              {t(transition.label)}
            </button>
          ))}
        {id && rolesAllow(user.roles, 'testimony.review') && (
          <button type="button" onClick={() => navigate({ name: 'review', id })}>
            {t('review.from-testimony')}
          </button>
        )}
      </div>
      <FormError>{statusError}</FormError>
      <div role="tablist" aria-label={t('testimony.tabs')} className="tabs">
        {(['edit', 'attachments', 'history'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            disabled={name !== 'edit' && !id}
            onClick={() => setTab(name)}
          >
            {t(`testimony.tab.${name}`)}
          </button>
        ))}
      </div>
      {!id && <p className="field-hint">{t('testimony.save-first')}</p>}
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'edit' && (
          <>
            {readOnly && <p className="notice">{status === 'approved' ? t('testimony.readonly.approved') : t('testimony.readonly.role')}</p>}
            <fieldset disabled={readOnly} className="plain">
              <TestimonyForm draft={draft} update={update} errors={errors} />
            </fieldset>
            {issues.length > 0 && (
              <div className="issue-summary" role="group" aria-labelledby="issues-heading">
                <h2 id="issues-heading">{t('testimony.issues', { count: issues.length })}</h2>
                <ul>
                  {issues.map((issue, index) => (
                    <li key={index}>
                      <code>{issue.path}</code>: {errors.get(issue.path)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
        {tab === 'attachments' && id && <AttachmentsPanel testimonyId={id} mayAdd={mayWrite} />}
        {tab === 'history' && id && <HistoryPanel testimonyId={id} />}
      </div>
    </section>
  );
}

function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry(): void }) {
  const { t } = useI18n();
  const text =
    state.kind === 'new'
      ? t('save.new')
      : state.kind === 'saved'
        ? state.version > 0
          ? t('save.saved', { version: state.version })
          : t('save.saved.plain')
        : state.kind === 'unsaved'
          ? t('save.unsaved')
          : state.kind === 'saving'
            ? t('save.saving')
            : state.kind === 'invalid'
              ? t('save.invalid', { count: state.count })
              : t('save.failed', { message: state.message });
  return (
    <span className={`save-state save-${state.kind}`}>
      <span role="status" aria-live="polite">
        {text}
      </span>
      {state.kind === 'failed' && (
        <button type="button" className="small" onClick={onRetry}>
          {t('save.retry')}
        </button>
      )}
    </span>
  );
}
