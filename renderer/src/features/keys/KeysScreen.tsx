/**
 * Key management: this vault's public keys and the fingerprint to read aloud, exporting the age
 * identity (to open archives with the age command line), rotating the keys, and the workstations
 * this vault trusts. Trusting asks for the fingerprint of the keys as typed, which the person
 * compares aloud with the other workstation and confirms; the handler computes it again and
 * refuses if the keys give another one.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { OwnKeys, SessionUser, TrustedWorkstationView } from '@shared/ipc/contract';
import { rolesAllow } from '@shared/roles';
import { CONSENT_SCOPE_TERMS } from '@shared/testimony/vocabulary';
import type { I18n } from '../../i18n';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { useAnnouncer } from '../../app/announcer';
import { FormError, ScreenHeading, SelectField, TextField } from '../../components/fields';
import { FingerprintView } from './Fingerprint';

type Purpose = TrustedWorkstationView['purpose'];

export function purposeLabel(i18n: I18n, purpose: Purpose): string {
  return i18n.t(`purpose.${purpose}`);
}

export function KeysScreen({ user }: { user: SessionUser }) {
  const i18n = useI18n();
  const { t } = i18n;
  const mayManage = rolesAllow(user.roles, 'keys.manage');
  const [own, setOwn] = useState<OwnKeys | undefined>(undefined);
  const [trusted, setTrusted] = useState<TrustedWorkstationView[] | undefined>(undefined);
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    const [keys, list] = await Promise.all([request('keys:show'), request('keys:trusted')]);
    if (keys.ok) setOwn(keys.value);
    else setError(errorText(i18n, keys.error));
    if (list.ok) setTrusted(list.value.workstations);
    else setError(errorText(i18n, list.error));
  }, [i18n]);
  useEffect(() => void reload(), [reload]);

  return (
    <section aria-labelledby="keys-title" className="keys-screen">
      <ScreenHeading id="keys-title">{t('keys.title')}</ScreenHeading>
      <FormError>{error}</FormError>
      {own && <OwnKeysPanel keys={own} mayManage={mayManage} onRotated={setOwn} />}
      <TrustedList workstations={trusted} mayManage={mayManage} onChanged={reload} />
      {mayManage ? <TrustForm onTrusted={reload} /> : <p className="field-hint">{t('keys.manage-only')}</p>}
    </section>
  );
}

function OwnKeysPanel({ keys, mayManage, onRotated }: { keys: OwnKeys; mayManage: boolean; onRotated(keys: OwnKeys): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [error, setError] = useState('');
  const [exported, setExported] = useState('');
  const [busy, setBusy] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [postQuantum, setPostQuantum] = useState(keys.ageKind === 'hybrid');

  async function exportIdentity() {
    setError('');
    setExported('');
    setBusy(true);
    const result = await request('keys:export-identity', { dialogTitle: t('keys.identity.dialog') });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    if (result.value.outcome === 'cancelled') return;
    const text = t('keys.identity.written', { file: result.value.file, count: result.value.identities });
    setExported(text);
    announce(text);
  }

  async function rotate() {
    setError('');
    setBusy(true);
    const result = await request('keys:rotate', { postQuantum });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    setRotating(false);
    onRotated(result.value);
    announce(t('keys.rotate.done'));
  }

  return (
    <section className="panel wide-panel" aria-labelledby="own-keys-heading">
      <h2 id="own-keys-heading">{t('keys.own.title')}</h2>
      <p>{t('keys.own.explain')}</p>
      <FingerprintView fingerprint={keys.fingerprint} label={t('keys.own.fingerprint')} />
      <dl className="key-facts">
        <dt>{t('keys.age')}</dt>
        <dd>
          <code className="key-text" aria-label={t('keys.age')}>
            {keys.ageRecipient}
          </code>
        </dd>
        <dt>{t('keys.minisign')}</dt>
        <dd>
          <code className="key-text" aria-label={t('keys.minisign')}>
            {keys.minisignPublicKey}
          </code>
        </dd>
        <dt>{t('keys.kind')}</dt>
        <dd>{t(`keys.kind.${keys.ageKind}`)}</dd>
        <dt>{t('keys.created')}</dt>
        <dd>{i18n.formatDateTime(keys.createdAt)}</dd>
      </dl>
      <FormError>{error}</FormError>
      {exported && <p className="notice">{exported}</p>}
      {mayManage && (
        <>
          <h3>{t('keys.identity.title')}</h3>
          <p className="field-hint">{t('keys.identity.explain')}</p>
          <button type="button" onClick={() => void exportIdentity()} disabled={busy}>
            {t('keys.identity.export')}
          </button>
          <h3>{t('keys.rotate.title')}</h3>
          <p className="field-hint">{t('keys.rotate.explain')}</p>
          {!rotating ? (
            <button type="button" onClick={() => setRotating(true)} disabled={busy}>
              {t('keys.rotate.start')}
            </button>
          ) : (
            <div className="confirm-box" role="group" aria-label={t('keys.rotate.title')}>
              <label className="checkbox">
                <input type="checkbox" checked={postQuantum} onChange={(event) => setPostQuantum(event.target.checked)} />
                <span>{t('keys.rotate.pq')}</span>
              </label>
              <p className="warning">{t('keys.rotate.warning')}</p>
              <div className="actions start">
                <button type="button" className="danger" onClick={() => void rotate()} disabled={busy}>
                  {t('keys.rotate.confirm')}
                </button>
                <button type="button" onClick={() => setRotating(false)} disabled={busy}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function TrustedList({ workstations, mayManage, onChanged }: { workstations: TrustedWorkstationView[] | undefined; mayManage: boolean; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [error, setError] = useState('');

  async function untrust(name: string) {
    setError('');
    const result = await request('keys:untrust', { name });
    if (!result.ok) return setError(errorText(i18n, result.error));
    setConfirming(undefined);
    announce(t('keys.untrusted', { name }));
    onChanged();
  }

  return (
    <section className="panel wide-panel" aria-labelledby="trusted-heading">
      <h2 id="trusted-heading">{t('keys.trusted.title')}</h2>
      <p className="field-hint">{t('keys.trusted.explain')}</p>
      <FormError>{error}</FormError>
      {workstations && workstations.length === 0 && <p className="empty">{t('keys.trusted.none')}</p>}
      {workstations && workstations.length > 0 && (
        <table className="table">
          <caption className="sr-only">{t('keys.trusted.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keys.trust.name')}</th>
              <th scope="col">{t('keys.trust.purpose')}</th>
              <th scope="col">{t('keys.fingerprint')}</th>
              <th scope="col">{t('keys.trusted.added')}</th>
              {mayManage && <th scope="col">{t('keys.trusted.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {workstations.map((workstation) => (
              <tr key={workstation.name}>
                <th scope="row">{workstation.name}</th>
                <td>{purposeLabel(i18n, workstation.purpose)}</td>
                <td className="mono small-text">{workstation.fingerprint}</td>
                <td>{t('keys.trusted.added-by', { name: workstation.addedBy, at: i18n.formatDateTime(workstation.addedAt) })}</td>
                {mayManage && (
                  <td>
                    {confirming === workstation.name ? (
                      <div className="row-actions">
                        <button type="button" className="danger small" onClick={() => void untrust(workstation.name)}>
                          {t('keys.untrust.confirm', { name: workstation.name })}
                        </button>
                        <button type="button" className="small" onClick={() => setConfirming(undefined)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    ) : (
                      <button type="button" className="small" onClick={() => setConfirming(workstation.name)}>
                        {t('keys.untrust', { name: workstation.name })}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const PURPOSES = CONSENT_SCOPE_TERMS.map((each) => each.code);

function TrustForm({ onTrusted }: { onTrusted(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { announce } = useAnnouncer();
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('internal-archive');
  const [ageRecipient, setAgeRecipient] = useState('');
  const [minisignPublicKey, setMinisignPublicKey] = useState('');
  // The fingerprint of exactly these keys; any edit of a key drops it, and the confirmation with it.
  const [fingerprint, setFingerprint] = useState<string | undefined>(undefined);
  const [compared, setCompared] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const editKey = (set: (value: string) => void) => (value: string) => {
    set(value);
    setFingerprint(undefined);
    setCompared(false);
  };

  async function showFingerprint() {
    setError('');
    if (!ageRecipient.trim() || !minisignPublicKey.trim()) return setError(t('keys.trust.error.keys'));
    setBusy(true);
    const result = await request('keys:fingerprint', { ageRecipient, minisignPublicKey });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    setFingerprint(result.value.fingerprint);
    setCompared(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!name.trim()) return setError(t('keys.trust.error.name'));
    if (!fingerprint) return void showFingerprint();
    if (!compared) return setError(t('keys.trust.error.compare'));
    setBusy(true);
    const result = await request('keys:trust', { name, ageRecipient, minisignPublicKey, purpose, comparedFingerprint: fingerprint });
    setBusy(false);
    if (!result.ok) return setError(errorText(i18n, result.error));
    const text = result.value.alreadyTrusted ? t('keys.trust.already', { name: result.value.workstation.name }) : t('keys.trust.done', { name: result.value.workstation.name });
    announce(text);
    setName('');
    setAgeRecipient('');
    setMinisignPublicKey('');
    setFingerprint(undefined);
    setCompared(false);
    onTrusted();
  }

  return (
    <form className="panel wide-panel" onSubmit={submit} aria-labelledby="trust-heading" aria-busy={busy}>
      <h2 id="trust-heading">{t('keys.trust.title')}</h2>
      <p className="field-hint">{t('keys.trust.explain')}</p>
      <div className="grid two">
        <TextField label={t('keys.trust.name')} hint={t('keys.trust.name.hint')} value={name} onChange={setName} maxLength={64} />
        <SelectField
          label={t('keys.trust.purpose')}
          hint={t('keys.trust.purpose.hint')}
          value={purpose}
          options={PURPOSES.map((code) => ({ value: code, label: purposeLabel(i18n, code) }))}
          onChange={(value) => setPurpose(value as Purpose)}
        />
      </div>
      <TextField label={t('keys.age')} hint={t('keys.trust.age.hint')} value={ageRecipient} onChange={editKey(setAgeRecipient)} multiline rows={2} className="mono" />
      <TextField label={t('keys.minisign')} hint={t('keys.trust.minisign.hint')} value={minisignPublicKey} onChange={editKey(setMinisignPublicKey)} className="mono" />
      {!fingerprint ? (
        <button type="button" onClick={() => void showFingerprint()} disabled={busy}>
          {t('keys.trust.show-fingerprint')}
        </button>
      ) : (
        <div className="compare-box">
          <FingerprintView fingerprint={fingerprint} label={t('keys.trust.their-fingerprint')} />
          <p>{t('keys.trust.compare')}</p>
          <label className="checkbox">
            <input type="checkbox" checked={compared} onChange={(event) => setCompared(event.target.checked)} />
            <span>{t('keys.trust.compared')}</span>
          </label>
        </div>
      )}
      <FormError>{error}</FormError>
      {fingerprint && (
        <button type="submit" className="primary" disabled={busy || !compared}>
          {t('keys.trust.submit')}
        </button>
      )}
    </form>
  );
}
