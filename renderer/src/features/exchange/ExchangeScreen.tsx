/** Export and import of sealed archives, and the conflicts imports found: one screen, three tabs. */
import { useState, type KeyboardEvent } from 'react';
import type { SessionUser } from '@shared/ipc/contract';
import { rolesAllow } from '@shared/roles';
import { useI18n } from '../../i18n';
import { ScreenHeading } from '../../components/fields';
import { ExportWizard } from './ExportWizard';
import { ImportWizard } from './ImportWizard';
import { ConflictsPanel } from './ConflictsPanel';

type Tab = 'export' | 'import' | 'conflicts';

export function ExchangeScreen({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const tabs: Tab[] = [
    ...(rolesAllow(user.roles, 'archive.export') ? (['export'] as const) : []),
    ...(rolesAllow(user.roles, 'archive.import') ? (['import'] as const) : []),
    'conflicts',
  ];
  const [tab, setTab] = useState<Tab>(tabs[0]!);

  function onKeyDown(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    setTab(next);
    document.getElementById(`exchange-tab-${next}`)?.focus();
  }

  return (
    <section aria-labelledby="exchange-title" className="exchange-screen">
      <ScreenHeading id="exchange-title">{t('nav.exchange')}</ScreenHeading>
      {!rolesAllow(user.roles, 'archive.import') && <p className="field-hint">{t('exchange.import-role')}</p>}
      <div className="tabs" role="tablist" aria-label={t('exchange.tabs')}>
        {tabs.map((each, index) => (
          <button
            key={each}
            id={`exchange-tab-${each}`}
            type="button"
            role="tab"
            aria-selected={tab === each}
            aria-controls={`exchange-panel-${each}`}
            onClick={() => setTab(each)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {t(`exchange.tab.${each}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`exchange-panel-${tab}`} aria-labelledby={`exchange-tab-${tab}`}>
        {tab === 'export' && <ExportWizard />}
        {tab === 'import' && <ImportWizard />}
        {tab === 'conflicts' && <ConflictsPanel mayResolve={rolesAllow(user.roles, 'archive.import')} />}
      </div>
    </section>
  );
}
