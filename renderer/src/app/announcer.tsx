/** One polite live region for status messages ("saved", "3 results"), cleared on lock. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Announcer {
  announce(text: string): void;
  clear(): void;
}

const AnnouncerContext = createContext<Announcer>({ announce: () => undefined, clear: () => undefined });

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Re-announce the same text: clear first, then set on the next frame.
    setMessage('');
    requestAnimationFrame(() => setMessage(text));
  }, []);
  const clear = useCallback(() => setMessage(''), []);
  const value = useMemo(() => ({ announce, clear }), [announce, clear]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnouncer(): Announcer {
  return useContext(AnnouncerContext);
}
