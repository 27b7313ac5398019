/** A testimony's chain of custody: every export and import it went through, here and before. */
import { useEffect, useState } from 'react';
import type { CustodyEventView } from '@shared/ipc/contract';
import { useI18n, type I18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { FormError } from '../../components/fields';

function partyName(i18n: I18n, party: CustodyEventView['sender']): string {
  if (party.isThisVault) return i18n.t('custody.this-vault');
  return party.name ?? i18n.t('custody.unknown', { fingerprint: party.fingerprint.slice(0, 11) });
}

/** The sender seals to itself as well (to read back what it wrote); naming it twice says nothing. */
function recipientsBesidesSender(event: CustodyEventView): CustodyEventView['recipients'] {
  const others = event.recipients.filter((party) => party.fingerprint !== event.sender.fingerprint);
  return others.length > 0 ? others : event.recipients;
}

export function CustodyView({ testimonyId, title }: { testimonyId: string; title: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [events, setEvents] = useState<CustodyEventView[] | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    void request('custody:list', { testimonyId }).then((result) => {
      if (result.ok) setEvents(result.value.events);
      else setError(errorText(i18n, result.error));
    });
  }, [testimonyId, i18n]);

  return (
    <section className="custody" aria-labelledby={`custody-${testimonyId}`}>
      <h3 id={`custody-${testimonyId}`}>{t('custody.of', { title: title || t('testimony.untitled') })}</h3>
      <FormError>{error}</FormError>
      {events && events.length === 0 && <p className="empty">{t('custody.none')}</p>}
      {events && events.length > 0 && (
        <ol className="custody-events">
          {events.map((event) => (
            <li key={event.id}>
              <p>
                <strong>{i18n.formatDateTime(event.at)}</strong> ·{' '}
                {t(`custody.event.${event.event}`, {
                  sender: partyName(i18n, event.sender),
                  recipients: recipientsBesidesSender(event).map((party) => partyName(i18n, party)).join(', '),
                })}
              </p>
              <p className="small-text muted">
                {t('custody.archive', { id: event.archiveId })}
                {event.archiveSha256 ? ` · ${t('custody.sha256', { hash: event.archiveSha256 })}` : ''}
                {event.learnedFromArchive ? ` · ${t('custody.learned', { id: event.learnedFromArchive })}` : ''}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
