import { useState, type FormEvent } from 'react';
import type { IpcError, Result } from '@shared/ipc/contract';
import type { Role } from '@shared/roles';
import { useI18n } from '../../i18n';
import { errorText } from '../../app/api';
import { passphrasesAcceptable } from './PassphraseFields';

export interface NewUser {
  name: string;
  roles: Role[];
  passphrase: string;
}

/**
 * The fields of a new user (name, roles, passphrase twice) and their submission: checked here first
 * with the services' rules, then sent; the passphrase fields are emptied once it is accepted.
 */
export function useNewUserForm(initialRoles: Role[]) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(initialRoles);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  function submit<T>(send: (user: NewUser) => Promise<Result<T>>, done: (value: T) => void) {
    return async (event: FormEvent) => {
      event.preventDefault();
      setError('');
      if (!name.trim()) return setError(t('create.error.name'));
      if (roles.length === 0) return setError(t('create.error.roles'));
      if (!passphrasesAcceptable(passphrase, repeat)) return setError(t('passphrase.error.fix'));
      setBusy(true);
      const result = await send({ name: name.trim(), roles: roles as Role[], passphrase });
      setBusy(false);
      if (!result.ok) return setError(errorText(i18n, result.error as IpcError));
      setPassphrase('');
      setRepeat('');
      done(result.value);
    };
  }

  return { name, setName, roles, setRoles, passphrase, setPassphrase, repeat, setRepeat, busy, error, submit, clearName: () => setName('') };
}
