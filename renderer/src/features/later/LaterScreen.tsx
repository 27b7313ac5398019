/**
 * Redaction review, export/import and key management: their services are being built on other
 * branches. The screen says so plainly rather than pretending. Keys and exchange ask their channel
 * (shared/ipc/channels/later.ts) for real and show its answer, which is "not implemented" until the
 * handlers land.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { errorText, request } from '../../app/api';
import { ScreenHeading } from '../../components/fields';

export function LaterScreen({ which }: { which: 'review' | 'exchange' | 'keys' }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [answer, setAnswer] = useState('');
  useEffect(() => {
    if (which === 'review') return;
    void request(which === 'keys' ? 'keys:show' : 'keys:trusted').then((result) => {
      setAnswer(result.ok ? '' : errorText(i18n, result.error));
    });
  }, [which, i18n]);
  return (
    <section aria-labelledby="later-title">
      <ScreenHeading id="later-title">{t(`nav.${which}`)}</ScreenHeading>
      <p>{t(`later.${which}`)}</p>
      <p className="notice" role="status">
        {answer || t('later.not-yet')}
      </p>
    </section>
  );
}
