/**
 * The unlocked app: navigation, the current screen, and the lock button. Unmounted on lock, which
 * drops every piece of decrypted state below it.
 */
import { useCallback, useState } from 'react';
import type { SessionUser } from '@shared/ipc/contract';
import { rolesAllow } from '@shared/roles';
import { useI18n, type MessageKey } from '../i18n';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { TestimonyList } from '../features/list/TestimonyList';
import { TestimonyScreen } from '../features/editor/TestimonyScreen';
import { Dashboard } from '../features/dashboard/Dashboard';
import { UsersScreen } from '../features/users/UsersScreen';
import { AuditScreen } from '../features/audit/AuditScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { ExchangeScreen } from '../features/exchange/ExchangeScreen';
import { KeysScreen } from '../features/keys/KeysScreen';

export type Screen =
  | { name: 'testimonies' }
  | { name: 'testimony'; id?: string; tab?: 'edit' | 'attachments' | 'history' }
  | { name: 'dashboard' }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'review'; id?: string }
  | { name: 'exchange' }
  | { name: 'keys' };

export interface Navigate {
  (screen: Screen): void;
}

const NAV: ReadonlyArray<{ screen: Screen['name']; label: MessageKey; visible?: (user: SessionUser) => boolean }> = [
  { screen: 'testimonies', label: 'nav.testimonies' },
  { screen: 'testimony', label: 'nav.new', visible: (user) => rolesAllow(user.roles, 'testimony.write') },
  { screen: 'dashboard', label: 'nav.dashboard' },
  { screen: 'review', label: 'nav.review' },
  { screen: 'exchange', label: 'nav.exchange' },
  { screen: 'keys', label: 'nav.keys' },
  { screen: 'users', label: 'nav.users' },
  { screen: 'audit', label: 'nav.audit' },
];

export function Workspace({ user, onLock }: { user: SessionUser; onLock(): void }) {
  const { t } = useI18n();
  const [screen, setScreen] = useState<Screen>({ name: 'testimonies' });
  // A new key per navigation remounts the screen, so that its heading takes focus again.
  const [visit, setVisit] = useState(0);
  const navigate = useCallback<Navigate>((next) => {
    setScreen(next);
    setVisit((count) => count + 1);
  }, []);

  const current = screen.name === 'testimony' && screen.id ? 'testimonies' : screen.name;

  return (
    <div className="workspace">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="app-name">{t('app.title')}</span>
        <span className="who">
          {t('session.user', { name: user.name, roles: user.roles.map((role) => t(`role.${role}`)).join(', ') })}
        </span>
        <LanguageSwitch />
        <button type="button" className="lock-button" onClick={onLock}>
          {t('lock.button')}
        </button>
      </header>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((item) => !item.visible || item.visible(user)).map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                aria-current={current === item.screen ? 'page' : undefined}
                onClick={() => navigate(item.screen === 'testimony' ? { name: 'testimony' } : ({ name: item.screen } as Screen))}
              >
                {t(item.label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" key={visit}>
        {screen.name === 'testimonies' && <TestimonyList user={user} navigate={navigate} />}
        {screen.name === 'testimony' && <TestimonyScreen user={user} id={screen.id} tab={screen.tab ?? 'edit'} navigate={navigate} />}
        {screen.name === 'dashboard' && <Dashboard />}
        {screen.name === 'users' && <UsersScreen user={user} />}
        {screen.name === 'audit' && <AuditScreen />}
        {screen.name === 'review' && <ReviewScreen user={user} id={screen.id} navigate={navigate} />}
        {screen.name === 'exchange' && <ExchangeScreen user={user} />}
        {screen.name === 'keys' && <KeysScreen user={user} />}
      </main>
    </div>
  );
}
