/**
 * First run: the administrator's name and passphrase; then the recovery key, shown once, to be
 * written on paper and confirmed by typing two of its groups back before going on. The key is
 * dropped from the page's memory as soon as it is confirmed.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { Role } from '@shared/roles';
import type { VaultSession } from '@shared/ipc/contract';
import { useI18n } from '../../i18n';
import { call } from '../../app/api';
import { CheckboxGroup, FormError, ScreenHeading, TextField } from '../../components/fields';
import { Gate } from '../../components/Gate';
import { PassphraseFields } from './PassphraseFields';
import { useNewUserForm } from './useNewUser';

type Step =
  | { kind: 'form' }
  | { kind: 'recovery-key'; session: VaultSession; recoveryKey: string }
  | { kind: 'confirm'; session: VaultSession; recoveryKey: string; groups: [number, number] };

const ROLES: readonly Role[] = ['interviewer', 'reviewer', 'archivist'];

/** The groups after "TWRK-": 14 groups of four characters. */
export function recoveryKeyGroups(recoveryKey: string): string[] {
  return recoveryKey.split('-').slice(1);
}

function pickGroups(count: number): [number, number] {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  const first = random[0]! % count;
  let second = random[1]! % (count - 1);
  if (second >= first) second += 1;
  return first < second ? [first, second] : [second, first];
}

/** Compares as the vault does: case and spaces do not matter, O and I/L read as 0 and 1. */
export function sameGroup(typed: string, expected: string): boolean {
  const normal = (text: string) => text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return normal(typed) === normal(expected);
}

export function CreateVault({ onReady }: { onReady(session: VaultSession): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const form = useNewUserForm(['interviewer']);
  const [written, setWritten] = useState(false);
  const [typed, setTyped] = useState<[string, string]>(['', '']);
  const [confirmError, setConfirmError] = useState('');

  const roleOptions = useMemo(() => ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })), [t]);

  const create = form.submit(
    (user) => call('vault:create', { userName: user.name, roles: user.roles, passphrase: user.passphrase }),
    (value) => setStep({ kind: 'recovery-key', session: value.session, recoveryKey: value.recoveryKey }),
  );

  if (step.kind === 'recovery-key') {
    const groups = recoveryKeyGroups(step.recoveryKey);
    return (
      <Gate>
        <section className="gate-card wide" aria-labelledby="recovery-title">
          <ScreenHeading id="recovery-title">{t('recovery.title')}</ScreenHeading>
          <p>{t('recovery.explain')}</p>
          <p className="warning">{t('recovery.once')}</p>
          <ol className="recovery-key" aria-label={t('recovery.key.label')}>
            <li className="recovery-prefix">TWRK</li>
            {groups.map((group, index) => (
              <li key={index}>
                <span className="recovery-index" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="recovery-group">{group}</span>
              </li>
            ))}
          </ol>
          <label className="checkbox">
            <input type="checkbox" checked={written} onChange={(event) => setWritten(event.target.checked)} />
            <span>{t('recovery.written')}</span>
          </label>
          <button
            type="button"
            className="primary"
            disabled={!written}
            onClick={() => setStep({ kind: 'confirm', session: step.session, recoveryKey: step.recoveryKey, groups: pickGroups(groups.length) })}
          >
            {t('recovery.next')}
          </button>
        </section>
      </Gate>
    );
  }

  if (step.kind === 'confirm') {
    const groups = recoveryKeyGroups(step.recoveryKey);
    const [first, second] = step.groups;
    const confirm = (event: FormEvent) => {
      event.preventDefault();
      if (sameGroup(typed[0], groups[first]!) && sameGroup(typed[1], groups[second]!)) {
        const session = step.session;
        // The key leaves the page's memory here; it exists only on paper from now on.
        setStep({ kind: 'form' });
        setTyped(['', '']);
        onReady(session);
      } else {
        setConfirmError(t('recovery.confirm.wrong'));
      }
    };
    return (
      <Gate>
        <form className="gate-card" onSubmit={confirm} aria-labelledby="confirm-title">
          <ScreenHeading id="confirm-title">{t('recovery.confirm.title')}</ScreenHeading>
          <p>{t('recovery.confirm.explain')}</p>
          <TextField label={t('recovery.confirm.group', { number: first + 1 })} value={typed[0]} onChange={(value) => setTyped([value, typed[1]])} className="mono" />
          <TextField label={t('recovery.confirm.group', { number: second + 1 })} value={typed[1]} onChange={(value) => setTyped([typed[0], value])} className="mono" />
          <FormError>{confirmError}</FormError>
          <div className="actions">
            <button type="button" onClick={() => setStep({ kind: 'recovery-key', session: step.session, recoveryKey: step.recoveryKey })}>
              {t('recovery.confirm.back')}
            </button>
            <button type="submit" className="primary">
              {t('recovery.confirm.submit')}
            </button>
          </div>
        </form>
      </Gate>
    );
  }

  return (
    <Gate>
      <form className="gate-card" onSubmit={create} aria-labelledby="create-title" aria-busy={form.busy}>
        <p className="app-name">{t('app.title')}</p>
        <ScreenHeading id="create-title">{t('create.title')}</ScreenHeading>
        <p>{t('create.explain')}</p>
        <TextField label={t('create.name')} value={form.name} onChange={form.setName} hint={t('create.name.hint')} autoComplete="username" required />
        <CheckboxGroup legend={t('create.roles')} options={roleOptions} selected={form.roles} onChange={form.setRoles} hint={t('create.roles.hint')} />
        <PassphraseFields passphrase={form.passphrase} repeat={form.repeat} onPassphrase={form.setPassphrase} onRepeat={form.setRepeat} />
        <FormError>{form.error}</FormError>
        <button type="submit" className="primary" disabled={form.busy}>
          {form.busy ? t('create.busy') : t('create.submit')}
        </button>
      </form>
    </Gate>
  );
}
