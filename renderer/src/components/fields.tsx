/**
 * Form fields with a visible label, an optional hint, and the schema's message next to the field
 * (aria-describedby, aria-invalid), so that a screen reader hears the same as a sighted person sees.
 */
import { useEffect, useId, useRef, type ChangeEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n';

interface Described {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Marks a field that identifies a person: shown with a badge, and said in its name. */
  identifying?: boolean;
}

function describedBy(hintId: string, errorId: string, props: Described): string | undefined {
  const ids = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function LabelText({ label, identifying }: { label: string; identifying?: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {label}
      {identifying && <span className="badge badge-identifying"> {t('field.identifying')}</span>}
    </>
  );
}

function Messages({ hintId, errorId, hint, error }: { hintId: string; errorId: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </>
  );
}

export interface TextFieldProps extends Described {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'password' | 'date' | 'search';
  inputMode?: 'numeric' | 'text';
  autoComplete?: string;
  required?: boolean;
  lang?: string;
  maxLength?: number;
  disabled?: boolean;
  className?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const common = {
    id,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy(hintId, errorId, props),
    required: props.required,
    lang: props.lang,
    maxLength: props.maxLength,
    disabled: props.disabled,
    onBlur: props.onBlur,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => props.onChange(event.target.value),
  };
  return (
    <div className={`field${props.identifying ? ' field-identifying' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>
        <LabelText label={props.label} identifying={props.identifying} />
      </label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 6} spellCheck={false} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
        />
      )}
      <Messages hintId={hintId} errorId={errorId} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Described {
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
  /** Text of the empty choice; absent when a value is required. */
  emptyLabel?: string;
}

export function SelectField(props: SelectFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${props.identifying ? ' field-identifying' : ''}`}>
      <label htmlFor={id}>
        <LabelText label={props.label} identifying={props.identifying} />
      </label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, props)}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Messages hintId={hintId} errorId={errorId} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface CheckboxGroupProps {
  legend: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange(selected: string[]): void;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
}

export function CheckboxGroup(props: CheckboxGroupProps) {
  const id = useId();
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...props.selected, value] : props.selected.filter((each) => each !== value);
    // Keep the options' order, so that the same choice always gives the same record.
    props.onChange(props.options.map((option) => option.value).filter((each) => next.includes(each)));
  };
  return (
    <fieldset
      className={`field checkbox-group${props.className ? ` ${props.className}` : ''}`}
      aria-describedby={[props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
      aria-invalid={props.error ? true : undefined}
    >
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option.value} className="checkbox">
          <input type="checkbox" checked={props.selected.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} />
          <span>{option.label}</span>
        </label>
      ))}
      <Messages hintId={`${id}-hint`} errorId={`${id}-error`} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

export function FormError({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-error" role="alert">
      {children}
    </p>
  );
}

/** A heading that takes focus when its screen opens, so that a screen reader says where one is. */
export function ScreenHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return (
    <h1 id={id} ref={ref} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
