import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

/** The page around the screens shown before the vault is open: language switch on top, one card. */
export function Gate({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <main className="gate">
      <div className="gate-top">
        <LanguageSwitch />
        {actions}
      </div>
      {children}
    </main>
  );
}
