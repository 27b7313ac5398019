import { useState, type FormEvent } from 'react';
import type { VaultSession } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { call, errorText } from '../../app/api';
import { FormError, ScreenHeading, SelectField } from '../../components/fields';
import { Gate } from '../../components/Gate';
import { PassphraseFields, passphrasesAcceptable } from './PassphraseFields';

/** Opened with the paper recovery key: the one thing to do is set a user's new passphrase. */
export function RecoveryReset({ session, onDone, onLock }: { session: Extract<VaultSession, { kind: 'recovery' }>; onDone(): void; onLock(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [user, setUser] = useState(session.userNames[0] ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!passphrasesAcceptable(passphrase, repeat)) return setError(t('passphrase.error.fix'));
    setBusy(true);
    const result = await call('vault:change-passphrase', { userName: user, newPassphrase: passphrase });
    if (!result.ok) {
      setBusy(false);
      return setError(errorText(i18n, result.error));
    }
    await call('vault:lock');
    onDone();
  }

  return (
    <Gate
      actions={
        <button type="button" onClick={onLock}>
          {t('lock.button')}
        </button>
      }
    >
      <form className="gate-card" onSubmit={submit} aria-labelledby="reset-title" aria-busy={busy}>
        <ScreenHeading id="reset-title">{t('recovery.reset.title')}</ScreenHeading>
        <p>{t('recovery.reset.explain')}</p>
        <SelectField label={t('recovery.reset.user')} value={user} onChange={setUser} options={session.userNames.map((name) => ({ value: name, label: name }))} />
        <PassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} />
        <FormError>{error}</FormError>
        <button type="submit" className="primary" disabled={busy}>
          {t('recovery.reset.submit')}
        </button>
      </form>
    </Gate>
  );
}
