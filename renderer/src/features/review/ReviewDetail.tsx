/**
 * The review of one testimony: every text with its suggestions highlighted by type beside the
 * release as it would be now, each suggestion with accept / reject / every occurrence and its
 * operator, operators per type, spans marked by hand, structured fields, attachments, the residual
 * check and the re-identification risk, then prepare and approve (four eyes).
 *
 * After every decision the page asks again for the review and the preview: what it shows is
 * always what the services hold, never a guess of its own.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAlive } from './use-alive';
import type { IpcError, IpcResponse, SessionUser } from '@shared/ipc/contract';
import type { ReviewItem } from '@shared/ipc/channels/review';
import { rolesAllow } from '@shared/roles';
import { DEFAULT_OPERATORS } from '@shared/redaction/operators';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import type { Navigate } from '../../app/Workspace';
import { FormError, ScreenHeading } from '../../components/fields';
import { HighlightedText, type Mark } from './HighlightedText';
import { levelLabel, levelsFor, operatorLabel, pathLabel, typeLabel } from './review-labels';
import { ItemRow, type DecideOptions, type SameAsOption } from './ItemRow';
import { AddSpanForm, MarkSelection } from './AddSpanForm';
import { FieldItems } from './FieldItems';
import { ReviewAttachments } from './ReviewAttachments';
import { ReleasePanel } from './ReleasePanel';
import { RiskAndResidual } from './RiskAndResidual';

export type ReviewView = IpcResponse<'review:show'>;
export type PreviewView = IpcResponse<'review:preview'>;
type SpanType = keyof ReviewView['allowedTypeOperators'];
type Level = 'year' | 'decade' | 'band5';

const RELOAD_ON = new Set(['review-stale', 'no-such-item', 'no-review', 'release-changed']);

type Loaded = { kind: 'loading' } | { kind: 'none'; title: string } | { kind: 'review'; review: ReviewView } | { kind: 'error'; message: string };

export function ReviewDetail({ user, testimonyId, navigate }: { user: SessionUser; testimonyId: string; navigate: Navigate }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [preview, setPreview] = useState<PreviewView | undefined>(undefined);
  const [previewError, setPreviewError] = useState('');
  const [error, setError] = useState('');
  // While a change is under way further clicks are ignored rather than the controls disabled:
  // disabling the button a keyboard user just pressed would drop their focus to the page's top.
  const [busy, setBusy] = useState(false);
  const working = useRef(false);
  const begin = () => {
    if (working.current) return false;
    working.current = true;
    setBusy(true);
    return true;
  };
  const end = () => {
    working.current = false;
    if (alive.current) setBusy(false);
  };
  const [pendingOnly, setPendingOnly] = useState(false);
  /** Words selected in an original text, to be marked by hand. */
  const [selected, setSelected] = useState<{ field: string; start: number; end: number } | undefined>(undefined);
  /** Bumped after each change, so that the release panel checks again. */
  const [changes, setChanges] = useState(0);
  const mayReview = rolesAllow(user.roles, 'testimony.review');
  const alive = useAlive();

  const load = useCallback(async () => {
    const shown = await request('review:show', { testimonyId });
    if (!alive.current) return;
    if (!shown.ok) {
      if (shown.error.code === 'no-review') {
        const testimony = await request('testimony:get', { id: testimonyId });
        if (!alive.current) return;
        setLoaded(testimony.ok ? { kind: 'none', title: testimony.value.title } : { kind: 'error', message: errorText(i18n, testimony.error) });
      } else setLoaded({ kind: 'error', message: errorText(i18n, shown.error) });
      setPreview(undefined);
      return;
    }
    setLoaded({ kind: 'review', review: shown.value });
    if (shown.value.stale || !mayReview) {
      setPreview(undefined);
      return;
    }
    const previewed = await request('review:preview', { testimonyId });
    if (!alive.current) return;
    if (previewed.ok) {
      setPreview(previewed.value);
      setPreviewError('');
    } else setPreviewError(errorText(i18n, previewed.error));
  }, [testimonyId, i18n, mayReview]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change, says what happened, and shows the review as the services now hold it. */
  const change = useCallback(
    async <T,>(run: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>, done?: (value: T) => string) => {
      if (!begin()) return;
      setError('');
      try {
        const result = await run();
        if (!alive.current) return;
        if (!result.ok) {
          setError(errorText(i18n, result.error));
          // The review moved under the page (a new version, an item gone): show it as it is now.
          if (RELOAD_ON.has(result.error.code)) await load();
          return;
        }
        if (done) announce(done(result.value));
        await load();
        setChanges((count) => count + 1);
      } finally {
        end();
      }
    },
    // begin/end only touch refs and a state setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, announce, load],
  );

  const decide = useCallback(
    (item: ReviewItem, decision: 'accept' | 'reject', options: DecideOptions = {}) =>
      change(
        () =>
          request('review:decide', {
            testimonyId,
            itemId: item.id,
            decision,
            everyOccurrence: options.everyOccurrence ?? false,
            ...(options.operator ? { operator: options.operator } : {}),
            ...(options.level ? { level: options.level } : {}),
            ...(options.sameAs ? { sameAs: options.sameAs } : {}),
          }),
        (value) => t('review.decided', { decided: value.decided, added: value.added }),
      ),
    [change, testimonyId, t],
  );

  const start = () =>
    change(
      () => request('review:start', { testimonyId }),
      (value) => t(value.outcome === 'refreshed' ? 'review.started.refreshed' : 'review.started', { items: value.items, pending: value.pending, carried: value.carried }),
    );

  async function acceptRemaining(items: readonly ReviewItem[]) {
    if (!begin()) return;
    setError('');
    let decided = 0;
    try {
      for (const item of items) {
        const result = await request('review:decide', { testimonyId, itemId: item.id, decision: 'accept', everyOccurrence: false });
        if (!alive.current) return;
        if (!result.ok) {
          setError(errorText(i18n, result.error));
          break;
        }
        decided += 1;
      }
      announce(t('review.accepted-remaining', { count: decided }));
      await load();
      setChanges((count) => count + 1);
    } finally {
      end();
    }
  }

  const backToList = (
    <button type="button" onClick={() => navigate({ name: 'review' })}>
      {t('review.back')}
    </button>
  );

  if (loaded.kind === 'loading') {
    return (
      <section aria-labelledby="review-title" aria-busy="true">
        <ScreenHeading id="review-title">{t('review.title.loading')}</ScreenHeading>
      </section>
    );
  }
  if (loaded.kind === 'error') {
    return (
      <section aria-labelledby="review-title">
        <div className="screen-head">
          <ScreenHeading id="review-title">{t('review.title.loading')}</ScreenHeading>
          {backToList}
        </div>
        <FormError>{loaded.message}</FormError>
      </section>
    );
  }
  if (loaded.kind === 'none') {
    return (
      <section aria-labelledby="review-title">
        <div className="screen-head">
          <ScreenHeading id="review-title">{t('review.title', { title: loaded.title || t('testimony.untitled') })}</ScreenHeading>
          {backToList}
        </div>
        <p>{t('review.none')}</p>
        {!mayReview && <p className="notice">{t('review.reviewers-only')}</p>}
        <button type="button" className="primary" disabled={!mayReview} onClick={() => void start()}>
          {t('review.start')}
        </button>
        <FormError>{error}</FormError>
      </section>
    );
  }

  const review = loaded.review;
  const spans = review.items.filter((item) => item.kind === 'span');
  const fields = review.items.filter((item) => item.kind === 'field');
  const pending = review.items.filter((item) => item.status === 'pending');
  const released = new Map((preview?.texts ?? []).map((text) => [text.path, text]));
  const disabled = !mayReview || review.stale;

  return (
    <section className="review-screen" aria-labelledby="review-title" aria-busy={busy}>
      <div className="screen-head">
        <ScreenHeading id="review-title">{t('review.title', { title: review.title || t('testimony.untitled') })}</ScreenHeading>
        <div className="row-actions">
          <button type="button" onClick={() => navigate({ name: 'testimony', id: testimonyId })}>
            {t('review.open-testimony')}
          </button>
          {backToList}
        </div>
      </div>
      <p className="review-counts" role="status">
        {t('review.counts', { version: review.version, pending: review.counts.pending, accepted: review.counts.accepted, rejected: review.counts.rejected })}
      </p>
      {!mayReview && <p className="notice">{t('review.reviewers-only')}</p>}
      {review.stale && (
        <div className="notice" role="alert">
          <p>{t('review.stale', { version: review.version, current: review.currentVersion })}</p>
          <button type="button" className="primary" disabled={!mayReview} onClick={() => void start()}>
            {t('review.restart')}
          </button>
        </div>
      )}
      <FormError>{error}</FormError>

      <TypeOperators
        review={review}
        disabled={disabled}
        onChange={(type, operator, level) =>
          void change(
            () => request('review:set-type-operator', { testimonyId, type, operator, ...(level ? { level } : {}) }),
            () => t('review.type-operator.set', { type: typeLabel(i18n, type), operator: operatorLabel(i18n, operator) }),
          )
        }
      />

      <section className="review-section" aria-labelledby="review-texts-title">
        <div className="section-head">
          <h2 id="review-texts-title">{t('review.texts')}</h2>
          <label className="checkbox">
            <input type="checkbox" checked={pendingOnly} onChange={(event) => setPendingOnly(event.target.checked)} />
            <span>{t('review.pending-only')}</span>
          </label>
          <button type="button" disabled={disabled || pending.length === 0} onClick={() => void acceptRemaining(pending)}>
            {t('review.accept-remaining', { count: pending.length })}
          </button>
        </div>
        <p className="muted small-text">{t('review.legend')}</p>
        {previewError && <FormError>{previewError}</FormError>}
        {review.texts.map((text) => {
          const own = spans.filter((item) => item.field === text.path);
          const shown = pendingOnly ? own.filter((item) => item.status === 'pending') : own;
          const release = released.get(text.path);
          const label = pathLabel(i18n, text.path);
          return (
            <section key={text.path} className="text-block" aria-label={label}>
              <h3>{label}</h3>
              <div className="review-pair">
                <div>
                  <h4>{t('review.original')}</h4>
                  <HighlightedText
                    text={text.text}
                    lang={text.language}
                    marks={own.map((item) => spanMark(i18n, item))}
                    onMarkClick={focusItem}
                    onSelectRange={disabled ? undefined : (range) => setSelected({ field: text.path, ...range })}
                  />
                </div>
                <div>
                  <h4>{t('review.release')}</h4>
                  {release ? (
                    <HighlightedText text={release.text} lang={release.language} marks={releaseMarks(i18n, release, preview!, text.path)} />
                  ) : (
                    <p className="muted">{preview ? t('review.release.dropped') : t('review.release.unavailable')}</p>
                  )}
                </div>
              </div>
              {selected?.field === text.path && (
                <MarkSelection
                  text={text.text.slice(selected.start, selected.end)}
                  disabled={disabled}
                  onCancel={() => setSelected(undefined)}
                  onMark={(type) => {
                    setSelected(undefined);
                    void change(() => request('review:add-span', { testimonyId, field: text.path, start: selected.start, end: selected.end, type }), (value) => t('review.add.done', { text: value.item.surface }));
                  }}
                />
              )}
              {shown.length > 0 && (
                <ul className="items" aria-label={t('review.items-of', { field: label })}>
                  {shown.map((item) => (
                    <ItemRow
                      key={item.id}
                      item={item}
                      fieldLabel={label}
                      disabled={disabled}
                      sameAsOptions={sameAsOptionsFor(item, spans)}
                      typeLevel={item.type === 'QUASI' ? undefined : review.typeOperators[item.type]?.level}
                      onDecide={(decision, options) => void decide(item, decision, options)}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </section>

      <AddSpanForm
        texts={review.texts}
        disabled={disabled}
        onAdd={(span) => void change(() => request('review:add-span', { testimonyId, ...span }), (value) => t('review.add.done', { text: value.item.surface }))}
      />

      <FieldItems
        items={fields}
        preview={preview}
        disabled={disabled}
        onDecide={(item, decision) => void decide(item, decision)}
        onSet={(item, operator, level) =>
          void change(() => request('review:set-field', { testimonyId, field: item.field, operator, ...(level ? { level } : {}) }), () => t('review.field.set', { field: pathLabel(i18n, item.field) }))
        }
      />

      <ReviewAttachments testimonyId={testimonyId} disabled={disabled} changes={changes} onChanged={() => setChanges((count) => count + 1)} />

      {preview && (
        <RiskAndResidual
          preview={preview}
          disabled={disabled}
          onApplySuggestion={(decisions) =>
            void change(async () => {
              for (const decision of decisions) {
                const result = await request('review:set-field', { testimonyId, field: decision.path, operator: decision.operator, ...(decision.level ? { level: decision.level } : {}) });
                if (!result.ok) return result;
              }
              return { ok: true as const, value: null };
            }, () => t('review.risk.applied'))
          }
        />
      )}

      <ReleasePanel testimonyId={testimonyId} mayReview={mayReview} stale={review.stale} pending={review.counts.pending} changes={changes} onChanged={() => void load()} />
    </section>
  );
}

/**
 * The other spans a pseudonym may be shared with: same type, other text, one per text (the
 * service joins by the person, whichever occurrence is named). Only for types that take a pseudonym.
 */
function sameAsOptionsFor(item: ReviewItem, spans: readonly ReviewItem[]): SameAsOption[] {
  if (!item.allowedOperators.includes('pseudonym')) return [];
  const seen = new Set<string>([item.surface]);
  const options: SameAsOption[] = [];
  for (const other of spans) {
    if (other.type !== item.type || seen.has(other.surface) || other.status === 'rejected') continue;
    seen.add(other.surface);
    options.push({ id: other.id, text: other.surface });
  }
  return options;
}

function focusItem(itemId: string) {
  document.getElementById(`item-${itemId}`)?.querySelector<HTMLElement>('button, select')?.focus();
}

function spanMark(i18n: ReturnType<typeof useI18n>, item: ReviewItem): Mark {
  return {
    start: item.start ?? 0,
    end: item.end ?? 0,
    className: `hl-${item.type} hl-${item.status}`,
    label: `${typeLabel(i18n, item.type)} · ${i18n.t(item.status === 'pending' ? 'review.status.pending' : item.status === 'accepted' ? 'review.mark.redact' : 'review.mark.keep')}`,
    itemId: item.id,
  };
}

function releaseMarks(i18n: ReturnType<typeof useI18n>, text: PreviewView['texts'][number], preview: PreviewView, path: string): Mark[] {
  const residual = preview.residual
    .filter((hit) => hit.field === path)
    .map((hit) => ({ start: hit.start, end: hit.end, className: 'rel-residual', label: i18n.t('review.mark.residual', { type: typeLabel(i18n, hit.type) }) }));
  const replaced = text.replaced.map((range) => ({ ...range, className: 'rel-replaced', label: i18n.t('review.mark.replaced') }));
  const kept = text.kept.map((range) => ({ ...range, className: 'rel-kept', label: i18n.t('review.mark.kept') }));
  return [...residual, ...replaced, ...kept];
}

function TypeOperators({ review, disabled, onChange }: { review: ReviewView; disabled: boolean; onChange(type: SpanType, operator: ReviewItem['operator'], level?: Level): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const types = Object.keys(review.allowedTypeOperators) as SpanType[];
  return (
    <section className="review-section" aria-labelledby="type-operators-title">
      <h2 id="type-operators-title">{t('review.type-operators')}</h2>
      <p className="muted small-text">{t('review.type-operators.hint')}</p>
      <div className="type-operators">
        {types.map((type) => {
          const current = review.typeOperators[type];
          const operator = current?.operator ?? DEFAULT_OPERATORS[type];
          const levels = levelsFor(type);
          return (
            <div key={type} className="type-operator" role="group" aria-label={typeLabel(i18n, type)}>
              <span className={`type-badge type-${type}`}>{typeLabel(i18n, type)}</span>
              <select
                aria-label={t('review.type-operator.label', { type: typeLabel(i18n, type) })}
                value={operator}
                disabled={disabled}
                onChange={(event) => onChange(type, event.target.value as ReviewItem['operator'], event.target.value === 'generalise' && levels.length > 0 ? levels[0] : undefined)}
              >
                {review.allowedTypeOperators[type]!.map((option) => (
                  <option key={option} value={option}>
                    {operatorLabel(i18n, option)}
                  </option>
                ))}
              </select>
              {operator === 'generalise' && levels.length > 0 && (
                <select
                  aria-label={t('review.type-level.label', { type: typeLabel(i18n, type) })}
                  value={current?.level ?? levels[0]}
                  disabled={disabled}
                  onChange={(event) => onChange(type, 'generalise', event.target.value as Level)}
                >
                  {levels.map((level) => (
                    <option key={level} value={level}>
                      {levelLabel(i18n, level)}
                    </option>
                  ))}
                </select>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
