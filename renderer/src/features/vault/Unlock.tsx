import { useState, type FormEvent } from 'react';
import type { VaultSession } from '@shared/ipc/contract';
import { useI18n, type MessageKey } from '../../i18n';
import { call, errorText } from '../../app/api';
import { FormError, ScreenHeading, TextField } from '../../components/fields';
import { Gate } from '../../components/Gate';

/** Passphrase or recovery key (the vault tells them apart by shape). */
export function Unlock({ notice, onUnlocked }: { notice?: MessageKey | undefined; onUnlocked(session: VaultSession): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function unlock(event: FormEvent) {
    event.preventDefault();
    if (!secret) return setError(t('unlock.error.empty'));
    setBusy(true);
    setError('');
    const result = await call('vault:unlock', { passphrase: secret });
    setBusy(false);
    if (!result.ok) {
      setError(errorText(i18n, result.error));
      return;
    }
    setSecret('');
    onUnlocked(result.value.session);
  }

  return (
    <Gate>
      <form className="gate-card" onSubmit={unlock} aria-labelledby="unlock-title" aria-busy={busy}>
        <p className="app-name">{t('app.title')}</p>
        <ScreenHeading id="unlock-title">{t('unlock.title')}</ScreenHeading>
        {notice && (
          <p className="notice" role="status">
            {t(notice)}
          </p>
        )}
        <TextField type="password" label={t('unlock.secret')} hint={t('unlock.secret.hint')} value={secret} onChange={setSecret} autoComplete="current-password" />
        <FormError>{error}</FormError>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('unlock.busy') : t('unlock.submit')}
        </button>
      </form>
    </Gate>
  );
}
