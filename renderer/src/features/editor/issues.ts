import type { z } from 'zod';
import type { I18n } from '../../i18n';
import type { DraftIssue } from './draft';

/**
 * The schema's complaint in the UI's language: the common kinds are translated; the schema's own
 * specific messages (a date's reason, a county in the wrong province) are shown as written (English)
 * after the translated kind.
 */
export function issueText(issue: z.core.$ZodIssue, i18n: I18n): string {
  const { t } = i18n;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('validation.required') : t('validation.type');
    case 'too_big':
      return issue.origin === 'string' ? t('validation.too-long', { max: Number(issue.maximum) }) : t('validation.too-big', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') return t('validation.empty');
      if (issue.origin === 'array') return t('validation.choose');
      return t('validation.too-small', { min: Number(issue.minimum) });
    case 'invalid_value':
      return t('validation.choice');
    case 'unrecognized_keys':
      return t('validation.unknown');
    case 'invalid_format':
      return i18n.locale === 'en' ? issue.message : `${t('validation.format')} (${issue.message})`;
    default:
      return i18n.locale === 'en' ? issue.message : `${t('validation.check')} (${issue.message})`;
  }
}

/** Messages by field path ("events[0].date"); a path's first message wins. */
export function issuesByPath(issues: readonly DraftIssue[], i18n: I18n): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const { path, issue } of issues) if (!byPath.has(path)) byPath.set(path, issueText(issue, i18n));
  return byPath;
}
