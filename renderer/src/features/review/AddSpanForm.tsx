/**
 * Marking a span by hand: choose the text, select the words in it (with the mouse or with
 * Shift and the arrow keys: the text sits in a text box that ignores typing), choose a type. The
 * offsets are the text box's own selection, JavaScript string indices as the service expects.
 */
import { useId, useState } from 'react';
import { SPAN_TYPES, type ReviewText } from '@shared/ipc/channels/review';
import { useI18n } from '../../i18n';
import { pathLabel, typeLabel } from './review-labels';

type SpanType = (typeof SPAN_TYPES)[number];

export function AddSpanForm({
  texts,
  disabled,
  onAdd,
}: {
  texts: readonly ReviewText[];
  disabled: boolean;
  onAdd(span: { field: string; start: number; end: number; type: SpanType }): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [field, setField] = useState(texts.find((text) => text.path === 'narrative.text')?.path ?? texts[0]?.path ?? '');
  const [selection, setSelection] = useState<{ start: number; end: number }>({ start: 0, end: 0 });
  const [type, setType] = useState<SpanType>('PERSON');
  const text = texts.find((each) => each.path === field);
  if (!text) return null;
  const chosen = text.text.slice(selection.start, selection.end);
  const hasSelection = selection.end > selection.start && chosen.trim().length > 0;

  return (
    <section className="review-section" aria-labelledby="add-span-title">
      <h2 id="add-span-title">{t('review.add')}</h2>
      <p className="muted small-text">{t('review.add.hint')}</p>
      <div className="add-span">
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('review.add.field')}</label>
          <select
            id={`${id}-field`}
            value={field}
            disabled={disabled}
            onChange={(event) => {
              setField(event.target.value);
              setSelection({ start: 0, end: 0 });
            }}
          >
            {texts.map((each) => (
              <option key={each.path} value={each.path}>
                {pathLabel(i18n, each.path)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('review.add.text')}</label>
          <textarea
            id={`${id}-text`}
            // Not `readOnly`: Chromium moves no caret in a read-only text box, so the keyboard could
            // not select. Typing changes nothing: the value stays the testimony's text.
            aria-readonly="true"
            lang={text.language}
            value={text.text}
            onChange={() => undefined}
            rows={Math.min(8, Math.max(2, Math.ceil(text.text.length / 80)))}
            onSelect={(event) => {
              const target = event.currentTarget;
              setSelection({ start: target.selectionStart, end: target.selectionEnd });
            }}
          />
        </div>
        <p className="add-chosen" role="status">
          {hasSelection ? t('review.add.chosen', { text: chosen, start: selection.start, end: selection.end }) : t('review.add.nothing')}
        </p>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('review.add.type')}</label>
          <SpanTypeSelect id={`${id}-type`} value={type} disabled={disabled} onChange={setType} />
        </div>
        <button type="button" className="primary" disabled={disabled || !hasSelection} onClick={() => {
            onAdd({ field, start: selection.start, end: selection.end, type });
            setSelection({ start: 0, end: 0 });
          }}>
          {t('review.add.button')}
        </button>
      </div>
    </section>
  );
}

/** The words just selected in a highlighted text, with the type to mark them as. */
export function MarkSelection({ text, disabled, onMark, onCancel }: { text: string; disabled: boolean; onMark(type: SpanType): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = useId();
  const [type, setType] = useState<SpanType>('PERSON');
  return (
    <div className="mark-selection" role="group" aria-label={t('review.add.selection')}>
      <p className="add-chosen">{t('review.add.selected', { text })}</p>
      <label htmlFor={id}>{t('review.add.type')}</label>
      <SpanTypeSelect id={id} value={type} disabled={disabled} onChange={setType} />
      <button type="button" className="primary" disabled={disabled} onClick={() => onMark(type)}>
        {t('review.add.button')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('review.add.cancel')}
      </button>
    </div>
  );
}

function SpanTypeSelect({ id, value, disabled, onChange }: { id: string; value: SpanType; disabled: boolean; onChange(type: SpanType): void }) {
  const i18n = useI18n();
  return (
    <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as SpanType)}>
      {SPAN_TYPES.map((each) => (
        <option key={each} value={each}>
          {typeLabel(i18n, each)}
        </option>
      ))}
    </select>
  );
}
