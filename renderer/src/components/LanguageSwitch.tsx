import { useI18n } from '../i18n';

/** Korean ⇄ English. Each button names its language in that language, as language menus do. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      <button type="button" lang="ko" aria-pressed={locale === 'ko'} onClick={() => setLocale('ko')}>
        한국어
      </button>
      <button type="button" lang="en" aria-pressed={locale === 'en'} onClick={() => setLocale('en')}>
        English
      </button>
    </div>
  );
}
