/**
 * The top of the page: which screen the vault's state calls for. Everything decrypted lives below
 * <Workspace>, which is unmounted on lock: its state, caches and DOM go with it, and every object
 * URL is revoked. A lock comes from the button, from the main process (shortcut, idle timeout:
 * the 'vault-locked' event), or from any answer saying the vault is locked.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VaultSession } from '@shared/ipc/contract';
import { I18nProvider, useI18n, type MessageKey } from '../i18n';
import { AnnouncerProvider, useAnnouncer } from './announcer';
import { call, onVaultLockedError } from './api';
import { revokeAllObjectUrls } from './object-urls';
import { runBeforeLock } from './before-lock';
import { CreateVault } from '../features/vault/CreateVault';
import { Unlock } from '../features/vault/Unlock';
import { RecoveryReset } from '../features/vault/RecoveryReset';
import { Workspace } from './Workspace';
import { LanguageSwitch } from '../components/LanguageSwitch';

type RootState =
  | { kind: 'loading' }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'no-vault' }
  | { kind: 'locked'; notice?: MessageKey }
  | { kind: 'unlocked'; session: VaultSession; generation: number };

export function App() {
  return (
    <I18nProvider>
      <AnnouncerProvider>
        <Root />
      </AnnouncerProvider>
    </I18nProvider>
  );
}

function Root() {
  const { t } = useI18n();
  const { announce, clear } = useAnnouncer();
  const [state, setState] = useState<RootState>({ kind: 'loading' });
  const generation = useRef(0);

  const showLocked = useCallback(
    (notice: MessageKey) => {
      revokeAllObjectUrls();
      clear();
      setState({ kind: 'locked', notice });
    },
    [clear],
  );

  useEffect(() => {
    void call('vault:status').then((result) => {
      if (!result.ok) return setState({ kind: 'unavailable', reason: result.error.code });
      if (result.value.state === 'unlocked' && result.value.session) {
        generation.current += 1;
        setState({ kind: 'unlocked', session: result.value.session, generation: generation.current });
      } else setState(result.value.state === 'no-vault' ? { kind: 'no-vault' } : { kind: 'locked' });
    });
  }, []);

  useEffect(() => {
    const api = (window as Partial<Window>).tw;
    const stop = api?.onVaultLocked((event) => showLocked(event.reason === 'idle' ? 'lock.notice.idle' : 'lock.notice.locked'));
    onVaultLockedError(() => showLocked('lock.notice.locked'));
    return () => {
      stop?.();
      onVaultLockedError(undefined);
    };
  }, [showLocked]);

  const lock = useCallback(async () => {
    await runBeforeLock();
    await call('vault:lock');
    showLocked('lock.notice.locked');
  }, [showLocked]);

  const opened = useCallback(
    (session: VaultSession) => {
      generation.current += 1;
      setState({ kind: 'unlocked', session, generation: generation.current });
      announce(t('unlock.done'));
    },
    [announce, t],
  );

  switch (state.kind) {
    case 'loading':
      return <Splash text={t('app.loading')} />;
    case 'unavailable':
      return <Splash text={t('app.unavailable', { reason: state.reason })} />;
    case 'no-vault':
      return <CreateVault onReady={opened} />;
    case 'locked':
      return <Unlock notice={state.notice} onUnlocked={opened} />;
    case 'unlocked':
      return state.session.kind === 'recovery' ? (
        <RecoveryReset key={state.generation} session={state.session} onDone={() => showLocked('recovery.done')} onLock={lock} />
      ) : (
        <Workspace key={state.generation} user={state.session.user} onLock={lock} />
      );
  }
}

function Splash({ text }: { text: string }) {
  const { t } = useI18n();
  return (
    <main className="splash">
      <div className="splash-top">
        <LanguageSwitch />
      </div>
      <h1>{t('app.title')}</h1>
      <p aria-live="polite">{text}</p>
    </main>
  );
}
