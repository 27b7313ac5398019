/**
 * Redaction review, export/import and key management: their services are being built on other
 * branches. The screen says so plainly rather than pretending; the channels will land with them.
 */
import { useI18n } from '../../i18n';
import { ScreenHeading } from '../../components/fields';

export function LaterScreen({ which }: { which: 'review' | 'exchange' | 'keys' }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="later-title">
      <ScreenHeading id="later-title">{t(`nav.${which}`)}</ScreenHeading>
      <p>{t(`later.${which}`)}</p>
      <p className="notice">{t('later.not-yet')}</p>
    </section>
  );
}
