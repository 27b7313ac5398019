/**
 * A fingerprint as two people read it aloud to each other: 12 groups of 5 digits in rows of four,
 * numbered, safety-number style. Screen readers hear the groups one by one.
 */
import { useI18n } from '../../i18n';

export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split(' ').filter(Boolean);
}

export function FingerprintView({ fingerprint, label }: { fingerprint: string; label: string }) {
  const { t } = useI18n();
  const groups = fingerprintGroups(fingerprint);
  return (
    <figure className="fingerprint">
      <figcaption>{label}</figcaption>
      <ol className="fingerprint-groups" aria-label={t('fingerprint.groups', { label })} data-fingerprint={fingerprint}>
        {groups.map((group, index) => (
          <li key={index}>
            <span className="fingerprint-index" aria-hidden="true">
              {index + 1}
            </span>
            <span className="fingerprint-digits">{group}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}
