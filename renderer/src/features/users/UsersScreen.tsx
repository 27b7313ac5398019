/** Users and roles: the list for everyone, adding users for the administrator, one's own passphrase. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SessionUser } from '@shared/ipc/contract';
import type { Role } from '@shared/roles';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { CheckboxGroup, FormError, ScreenHeading, TextField } from '../../components/fields';
import { PassphraseFields, passphrasesAcceptable } from '../vault/PassphraseFields';
import { useNewUserForm } from '../vault/useNewUser';

const ROLES: readonly Role[] = ['interviewer', 'reviewer', 'archivist'];

export function UsersScreen({ user }: { user: SessionUser }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [users, setUsers] = useState<SessionUser[]>([]);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    const result = await request('user:list');
    if (result.ok) setUsers(result.value.users);
    else setError(errorText(i18n, result.error));
  }, [i18n]);
  useEffect(() => void reload(), [reload]);

  return (
    <section aria-labelledby="users-title">
      <ScreenHeading id="users-title">{t('users.title')}</ScreenHeading>
      <FormError>{error}</FormError>
      <table className="table">
        <caption className="sr-only">{t('users.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.roles')}</th>
            <th scope="col">{t('users.admin')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((each) => (
            <tr key={each.id}>
              <td>{each.name}</td>
              <td>{each.roles.map((role) => t(`role.${role}`)).join(', ')}</td>
              <td>{each.isAdmin ? t('users.admin.yes') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {user.isAdmin ? <AddUser onAdded={(name) => { announce(t('users.added', { name })); void reload(); }} /> : <p className="field-hint">{t('users.admin-only')}</p>}
      <ChangePassphrase />
    </section>
  );
}

function AddUser({ onAdded }: { onAdded(name: string): void }) {
  const { t } = useI18n();
  const form = useNewUserForm(['reviewer']);
  const submit = form.submit(
    (user) => request('user:add', user),
    (value) => {
      form.clearName();
      onAdded(value.user.name);
    },
  );

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="add-user-heading" aria-busy={form.busy}>
      <h2 id="add-user-heading">{t('users.add')}</h2>
      <TextField label={t('users.name')} value={form.name} onChange={form.setName} />
      <CheckboxGroup legend={t('users.roles')} options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))} selected={form.roles} onChange={form.setRoles} />
      <PassphraseFields label={t('users.passphrase')} passphrase={form.passphrase} repeat={form.repeat} onPassphrase={form.setPassphrase} onRepeat={form.setRepeat} />
      <FormError>{form.error}</FormError>
      <button type="submit" className="primary" disabled={form.busy}>
        {form.busy ? t('users.adding') : t('users.add.submit')}
      </button>
    </form>
  );
}

function ChangePassphrase() {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!passphrasesAcceptable(passphrase, repeat)) return setError(t('passphrase.error.fix'));
    setBusy(true);
    const result = await request('vault:change-passphrase', { newPassphrase: passphrase });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    setPassphrase('');
    setRepeat('');
    announce(t('users.passphrase.changed'));
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="passphrase-heading" aria-busy={busy}>
      <h2 id="passphrase-heading">{t('users.passphrase.title')}</h2>
      <PassphraseFields passphrase={passphrase} repeat={repeat} onPassphrase={setPassphrase} onRepeat={setRepeat} />
      <FormError>{error}</FormError>
      <button type="submit" disabled={busy}>
        {t('users.passphrase.submit')}
      </button>
    </form>
  );
}
