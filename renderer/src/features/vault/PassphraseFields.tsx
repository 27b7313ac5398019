import { useI18n } from '../../i18n';
import { TextField } from '../../components/fields';
import { MIN_LENGTH, passphraseStrength } from './strength';

export function passphrasesAcceptable(passphrase: string, repeat: string): boolean {
  return passphraseStrength(passphrase) !== 'too-short' && passphrase === repeat;
}

/** A new passphrase typed twice, with a strength hint that screen readers hear as it changes. */
export function PassphraseFields(props: {
  passphrase: string;
  repeat: string;
  onPassphrase(value: string): void;
  onRepeat(value: string): void;
  label?: string;
}) {
  const { t } = useI18n();
  const strength = passphraseStrength(props.passphrase);
  const mismatch = props.repeat.length > 0 && props.repeat !== props.passphrase;
  return (
    <>
      <TextField
        type="password"
        label={props.label ?? t('passphrase.new')}
        value={props.passphrase}
        onChange={props.onPassphrase}
        autoComplete="new-password"
        hint={t('passphrase.hint', { min: MIN_LENGTH })}
        required
      />
      <p className={`strength strength-${strength}`} aria-live="polite">
        <span className="strength-bar" aria-hidden="true">
          <span />
        </span>
        {props.passphrase.length > 0 && t(`passphrase.strength.${strength}`)}
      </p>
      <TextField
        type="password"
        label={t('passphrase.repeat')}
        value={props.repeat}
        onChange={props.onRepeat}
        autoComplete="new-password"
        error={mismatch ? t('passphrase.mismatch') : undefined}
        required
      />
    </>
  );
}
